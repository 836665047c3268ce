package io.pgconverge.lab;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the lab up once per test run (an idempotent {@code lab up} of three nodes in the default lab
 * directory, or $PGCONVERGE_LAB_DIR) and leaves it running for the other integration tests. Test methods and
 * constructors can take a {@link RunningLab} parameter.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    public static final int NODES = 3;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    /** The lab the integration tests run against. */
    public record RunningLab(Lab lab, LabLayout layout, LabStatus status, PgInstall pg) {
        public List<LabNode> nodes() {
            return layout.nodes();
        }

        public String nodeUser() {
            return status.nodeUser();
        }

        /** The lab's Ansible-style inventory (written by lab up into the lab directory). */
        public Path inventory() {
            return layout.inventory();
        }

        /** The repository's inventories/lab.yml, which describes this lab when it is in the default directory. */
        public Path committedInventory() {
            return Path.of("inventories/lab.yml");
        }

        public boolean inDefaultDirectory() {
            return layout.dir().equals(LabLayout.DEFAULT_DIR);
        }

        public Path knownHosts() {
            return layout.knownHosts();
        }

        public Path clientKey() {
            return layout.clientKey();
        }

        /** The inventory host of a node as the loader would build it from the lab inventory. */
        public Host host(LabNode n) {
            PgLayout pgLayout = new PgLayout(pg.version(), n.port(), n.dataDir().toString(), pg.binDir().toString(),
                    n.confDir().toString(), ServiceManager.PG_CTL, n.runDir().toString());
            return new Host(n.name(), n.address(), LabLayout.SSH_PORT, nodeUser(),
                    Optional.of(clientKey().toString()), Optional.of(knownHosts().toString()), false,
                    ConnectionKind.SSH, pgLayout, Map.of());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        lab(context);
    }

    private static RunningLab lab(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("lab", k -> bringUp(), RunningLab.class);
    }

    private static RunningLab bringUp() {
        Path dir = LabLayout.chooseDir(null, System.getenv());
        Lab lab = Lab.at(dir);
        LabReport report = lab.up(NODES);
        CommandRunner runner = CommandRunner.plain();
        return new RunningLab(lab, new LabLayout(dir, NODES), report.status(), PgInstall.locate(runner));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lab(context);
    }
}
