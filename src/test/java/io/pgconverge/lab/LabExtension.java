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
 * Gives each integration test class a fresh three-node lab (see {@link TestLabs}): every node straight from
 * initdb, whatever earlier classes did to theirs. Test methods and constructors can take a {@link RunningLab}
 * parameter.
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

    /** Every test class gets a lab of its own, fresh from initdb, in a directory of its own. */
    private static RunningLab lab(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        return classContext.getStore(NS).getOrComputeIfAbsent("lab", k -> TestLabs.fresh(NODES), RunningLab.class);
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
