package io.pgconverge.lab;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.plan.slots.SlotNames;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives each integration test class a fresh three-node lab (see {@link TestLabs}): every node straight from the
 * base's pristine cluster, whatever earlier classes did to theirs. Test methods and constructors can take a
 * {@link RunningLab} parameter.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    public static final int NODES = 3;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    /** The lab the integration tests run against. */
    public record RunningLab(Lab lab, LabLayout layout, LabStatus status) {
        public List<LabNode> nodes() {
            return layout.nodes();
        }

        public LabNode node(String name) {
            return layout.node(name);
        }

        /** The name of the slot a node streams through, as the engine derives it from the node's address. */
        public String slot(String name) {
            return SlotNames.fromAddress(node(name).address());
        }

        /** The admin user SSH logs in as ({@code ops}); it becomes root with sudo. */
        public String nodeUser() {
            return status.nodeUser();
        }

        public int pgVersion() {
            return layout.settings().pgVersion();
        }

        /** The lab's Ansible-style inventory (written by lab up into the lab directory). */
        public Path inventory() {
            return layout.inventory();
        }

        /** The repository's inventories/lab.yml, which describes the default lab. */
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

        /** The file holding node2's sudo password. */
        public Path becomePassword() {
            return layout.becomePassword();
        }

        /** The command line that runs {@code argv} as {@code user} inside a node (root when user is root). */
        public List<String> inNode(LabNode node, String user, List<String> argv) {
            return user.equals("root") ? NodeCommands.inNode(node, argv) : NodeCommands.inNodeAs(node, user, argv);
        }

        /** Pulls out ({@code up} false) or plugs back in a node's network cable. */
        public void cable(LabNode node, boolean up) {
            lab.cable(node, up);
        }

        /** The inventory host of a node as the loader would build it from the lab inventory. */
        public Host host(LabNode n) {
            PgLayout pgLayout = new PgLayout(n.pgVersion(), n.port(), n.dataDir().toString(), n.binDir().toString(),
                    n.confDir().toString(), ServiceManager.PG_CTLCLUSTER, n.runDir().toString());
            return new Host(n.name(), n.address(), LabNode.SSH_PORT, nodeUser(),
                    Optional.of(clientKey().toString()), Optional.of(knownHosts().toString()), false,
                    ConnectionKind.SSH, pgLayout, Map.of());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        lab(context);
    }

    /** Every test class gets a lab of its own, fresh from the base, in a directory of its own. */
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
