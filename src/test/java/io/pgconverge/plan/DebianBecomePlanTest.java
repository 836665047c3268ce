package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.PlatformFacts;
import io.pgconverge.model.Become;
import io.pgconverge.model.BecomeMethod;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.render.JsonPlanRenderer;
import io.pgconverge.render.TextPlanRenderer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real hosts in the Debian layout, reached as an admin user that becomes postgres and root through sudo. */
class DebianBecomePlanTest {
    private static final PlatformFacts DEBIAN = new PlatformFacts(Optional.empty(), Optional.empty(),
            Optional.of(true), List.of("15/main"));

    private static Host debianHost(int n, String configDir) {
        PgLayout layout = new PgLayout(15, 5432, "/var/lib/postgresql/15/main", "/usr/lib/postgresql/15/bin",
                configDir, ServiceManager.PG_CTLCLUSTER, "/var/run/postgresql");
        return new Host("node" + n, "192.168.56.11" + n, 22, "admin", Optional.empty(), Optional.empty(), false,
                ConnectionKind.SSH, layout, Map.of(), new Become(true, "postgres", BecomeMethod.SUDO, Optional.empty()));
    }

    private static Cluster cluster(Map<String, String> settings, String configDir) {
        DesiredState d = FactsFixtures.desired(15, settings, FactsFixtures.roles(), Optional.empty());
        return new Cluster(d, List.of(debianHost(1, configDir), debianHost(2, configDir), debianHost(3, configDir)));
    }

    private static Cluster cluster() {
        return cluster(FactsFixtures.settings(), "/etc/postgresql/15/main");
    }

    /** The converged cluster's facts, each node's platform facts changed by {@code platform}. */
    private static ClusterFacts converged(Cluster cluster, UnaryOperator<NodeFacts> change) {
        Map<String, NodeFacts> nodes = new LinkedHashMap<>();
        FactsFixtures.converged(cluster, secrets()).nodes().forEach((name, n) -> nodes.put(name,
                change.apply(n.withPlatform(DEBIAN))));
        return new ClusterFacts(nodes);
    }

    @Test
    void serviceCommandsRunAsRootAndTheRestAsPostgres() {
        Map<String, String> settings = new LinkedHashMap<>(FactsFixtures.settings());
        settings.put("max_connections", "200");
        settings.put("work_mem", "16MB");
        Cluster changed = cluster(settings, "/etc/postgresql/15/main");
        Plan plan = planner().plan(changed, converged(cluster(), n -> n), secrets());
        assertEquals(List.of(), plan.refusals());
        String text = new TextPlanRenderer(false).render(plan);
        assertTrue(text.contains("$ [root] pg_ctlcluster 15 main restart -m fast"), text);
        Golden.assertMatches("debian-become", "plan.txt", text);
        Golden.assertMatches("debian-become", "plan.json", new JsonPlanRenderer().render(plan));
    }

    @Test
    void theArchiveDirectoryIsMadeByRootAndGivenToPostgres() {
        DesiredState d = FactsFixtures.desired(15, FactsFixtures.settings(), FactsFixtures.roles(),
                Optional.of(new io.pgconverge.model.ArchiveSpec("/var/backups/pgsql/archive", false)));
        Cluster archived = new Cluster(d, cluster().members());
        Plan plan = planner().plan(archived, converged(cluster(), n -> n), secrets());
        String text = new TextPlanRenderer(false).render(plan);
        assertTrue(text.contains("""
                      $ [root] mkdir -p -m 0700 /var/backups/pgsql/archive
                      $ [root] chown postgres /var/backups/pgsql/archive
                      $ [root] chmod 0700 /var/backups/pgsql/archive
                """), text);
    }

    @Test
    void theConvergedDebianClusterPlansNothing() {
        Plan plan = planner().plan(cluster(), converged(cluster(), n -> n), secrets());
        assertEquals(List.of(), plan.refusals());
        assertEquals(List.of(), plan.tasks());
    }

    private static List<String> refusals(Cluster cluster, String node, PlatformFacts platform) {
        ClusterFacts facts = converged(cluster, n -> n.host().equals(node) ? n.withPlatform(platform) : n);
        return planner().plan(cluster, facts, secrets()).refusals().stream().map(Notice::toString).toList();
    }

    @Test
    void rootRefusedBySudoIsOneRefusalNamingNodeUsersAndCommand() {
        String refusal = "node2: sudo -n -u root -H bash -s as admin was refused: sudo requires a terminal (requiretty);"
                + " remove requiretty for admin in sudoers";
        assertEquals(List.of(refusal + " (pg_service pg_ctlcluster runs as root)"), refusals(cluster(), "node2",
                new PlatformFacts(Optional.empty(), Optional.of(refusal), Optional.of(true), List.of("15/main"))));
    }

    @Test
    void aStandbyThatRefusesThePostgresUserIsARefusalNotAWarning() {
        String refusal = "node3: sudo -k -S -p '' -u postgres -H bash -s as admin was refused: the become password"
                + " (ansible_become_password) is wrong";
        Cluster cluster = cluster();
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(converged(cluster, n -> n).nodes());
        nodes.put("node3", NodeFacts.unreachable("node3", "192.168.56.113", refusal)
                .withPlatform(PlatformFacts.refused(refusal)));
        List<String> refusals = planner().plan(cluster, new ClusterFacts(nodes), secrets()).refusals().stream()
                .map(Notice::toString).toList();
        assertEquals(List.of(refusal), refusals);
    }

    @Test
    void missingPgCtlClusterMissingClusterAndConfigInTheDataDirectoryAreRefused() {
        assertEquals(List.of("node1: pg_ctlcluster is not installed (pg_service: pg_ctlcluster); install"
                + " postgresql-common or set pg_service: pg_ctl"), refusals(cluster(), "node1",
                new PlatformFacts(Optional.empty(), Optional.empty(), Optional.of(false), List.of())));
        assertEquals(List.of("node2: there is no PostgreSQL cluster 15/main (/etc/postgresql/15/main; clusters found:"
                + " 16/main); fix pg_version or pg_data, or create it with pg_createcluster 15 main"), refusals(cluster(),
                "node2", new PlatformFacts(Optional.empty(), Optional.empty(), Optional.of(true), List.of("16/main"))));
        Cluster inData = cluster(FactsFixtures.settings(), "/var/lib/postgresql/15/main");
        List<String> found = refusals(inData, "node1", DEBIAN);
        assertEquals(3, found.size(), found.toString());
        assertEquals("node1: pg_service pg_ctlcluster needs the Debian layout, but the configuration directory"
                + " (/var/lib/postgresql/15/main) is the data directory; set pg_config_dir to /etc/postgresql/15/main"
                + " or pg_service: pg_ctl", found.get(0));
    }
}
