package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.config.ConfigPlanner;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.CLUSTER_ID;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static io.pgconverge.plan.PlannerTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan compares the playbook with the values in effect, and says who sets a value that differs. */
class EffectiveSettingsPlanTest {
    private static final String CONF = "/srv/lab/node2/conf";
    private final Cluster cluster = withWorkMem(FactsFixtures.labCluster(15));

    private static Cluster withWorkMem(Cluster c) {
        Map<String, String> settings = new LinkedHashMap<>(FactsFixtures.settings());
        settings.put("work_mem", "4MB");
        settings.put("shared_buffers", "128MB");
        return new Cluster(FactsFixtures.desired(15, settings, FactsFixtures.roles(), Optional.empty()),
                c.members());
    }

    /** node2 converged, work_mem 4MB and shared_buffers 128MB in effect from pgconverge.conf. */
    private FactsFixtures.Node node2() {
        Host host = cluster.members().get(1);
        return node(host).system(CLUSTER_ID).convergedFiles(new DesiredFiles(cluster, secrets(),
                TemplateRenderer.builtIn()).of(host)).standby("127.0.0.11", "streaming")
                .effective("work_mem", "4096", "kB", "integer", CONF + "/pgconverge.conf", 7)
                .effective("shared_buffers", "16384", "8kB", "integer", CONF + "/pgconverge.conf", 8);
    }

    private Plan planWith(NodeFacts node2) {
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(FactsFixtures.converged(cluster, secrets()).nodes());
        nodes.put(node2.host(), node2);
        return planner().plan(cluster, new ClusterFacts(nodes), secrets());
    }

    private static String postgresqlConf(String... lines) {
        return "# initdb's postgresql.conf\nmax_connections = 100\n" + String.join("\n", lines) + "\n";
    }

    @Test
    void theConvergedClusterHasNoChanges() {
        Plan plan = planWith(node2().build());
        assertFalse(plan.hasChanges(), ids(plan).toString());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void anIncludeAfterTheEnginesIsAChangeThatMovesTheEnginesIncludeLast() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", postgresqlConf(ConfigPlanner.INCLUDE_LINE, "include 'late.conf'"))
                .file(CONF + "/late.conf", "work_mem = 16MB\n")
                .effective("work_mem", "16384", "kB", "integer", CONF + "/late.conf", 1).build());
        assertTrue(plan.hasChanges());
        assertEquals(List.of("node2/postgresql.conf", "node2/reload"), ids(plan).subList(0, 2));
        WriteFile write = (WriteFile) plan.graph().task("node2/postgresql.conf");
        assertEquals(postgresqlConf("include 'late.conf'", ConfigPlanner.INCLUDE_LINE), write.after());
        assertTrue(write.reason().contains("work_mem is 16384 (kB) in effect, set by " + CONF + "/late.conf line 1; "
                + "the playbook says '4MB'"), write.reason());
        assertTrue(write.reason().contains("line 4 (include 'late.conf') comes after the engine's include"),
                write.reason());
        assertTrue(plan.graph().task("node2/reload") instanceof Reload);
    }

    @Test
    void aFileOfAnIncludeDirAfterTheEnginesIncludeIsFoundAndOverridden() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", postgresqlConf(ConfigPlanner.INCLUDE_LINE, "include_dir = 'conf.d'"))
                .directory(CONF + "/conf.d", "postgres", "0755")
                .file(CONF + "/conf.d/10-tuning.conf", "# tuning\nwork_mem = '16MB'\n")
                .effective("work_mem", "16384", "kB", "integer", CONF + "/conf.d/10-tuning.conf", 2).build());
        WriteFile write = (WriteFile) plan.graph().task("node2/postgresql.conf");
        assertTrue(write.after().endsWith("include_dir = 'conf.d'\n" + ConfigPlanner.INCLUDE_LINE + "\n"));
        assertTrue(write.reason().contains(CONF + "/conf.d/10-tuning.conf line 2"), write.reason());
    }

    @Test
    void aLaterLineInPostgresqlConfIsCommentedOutNamingThePlaybook() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", postgresqlConf(ConfigPlanner.INCLUDE_LINE, "work_mem = 32MB"))
                .effective("work_mem", "32768", "kB", "integer", CONF + "/postgresql.conf", 4).build());
        WriteFile write = (WriteFile) plan.graph().task("node2/postgresql.conf");
        assertEquals(postgresqlConf(ConfigPlanner.INCLUDE_LINE,
                "# commented out by pgconverge: ha-cluster.yml sets work_mem # work_mem = 32MB"), write.after());
        assertTrue(ids(plan).contains("node2/reload"));
    }

    @Test
    void aLaterLineWithTheSameValueInAnotherUnitIsLeftAlone() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", postgresqlConf(ConfigPlanner.INCLUDE_LINE, "work_mem = 4096kB",
                        "shared_buffers = 16384"))
                .effective("work_mem", "4096", "kB", "integer", CONF + "/postgresql.conf", 4).build());
        assertFalse(plan.hasChanges(), ids(plan).toString());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void anEarlierLineWithAnotherUnitRaisesNothingAndAShadowedOneIsNoWarning() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", "shared_buffers = 16384\nwork_mem = 1MB\n"
                        + ConfigPlanner.INCLUDE_LINE + "\n").build());
        assertFalse(plan.hasChanges(), ids(plan).toString());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void aShadowedLineIsNamedOnceWhenTheEngineChangesThatSetting() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", "work_mem = 1MB\n" + ConfigPlanner.INCLUDE_LINE + "\n")
                .file(CONF + "/pgconverge.conf", "work_mem = 2MB\n").build());
        WriteFile write = (WriteFile) plan.graph().task("node2/pgconverge.conf");
        assertTrue(write.reason().contains("shadowed by pgconverge.conf: " + CONF + "/postgresql.conf line 1 sets "
                + "work_mem = '1MB'"), write.reason());
    }

    @Test
    void aPostmasterValueInEffectFromElsewhereNeedsARestart() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", postgresqlConf(ConfigPlanner.INCLUDE_LINE, "include 'late.conf'"))
                .file(CONF + "/late.conf", "shared_buffers = 256MB\n")
                .setting("shared_buffers", "0", "postmaster", "default", null)
                .effective("shared_buffers", "32768", "8kB", "integer", CONF + "/late.conf", 1).build());
        assertEquals(List.of("shared_buffers"), ((Restart) plan.graph().task("node2/restart")).settings());
    }

    @Test
    void aValueFromTheServersCommandLineIsRefused() {
        Plan plan = planWith(node2().effective("work_mem", "16384", "kB", "integer", null, 0).build());
        assertTrue(plan.refused());
        assertTrue(plan.refusals().get(0).toString().startsWith("node2: work_mem is 16384 (kB) in effect, set by the "
                + "server's command line"), plan.refusals().toString());
    }

    @Test
    void aBrokenIncludeChainIsRefusedNamingFileAndLine() {
        Plan plan = planWith(node2()
                .file(CONF + "/postgresql.conf", postgresqlConf("include '/etc/elsewhere.conf'", "include 'a.conf'",
                        "include 'gone.conf'", ConfigPlanner.INCLUDE_LINE))
                .file(CONF + "/a.conf", "include 'b.conf'\n").file(CONF + "/b.conf", "include 'a.conf'\n").build());
        List<String> refusals = plan.refusals().stream().map(Notice::toString).toList();
        assertEquals(List.of(
                "node2: " + CONF + "/postgresql.conf line 3: include '/etc/elsewhere.conf' points outside the "
                        + "configuration directory " + CONF,
                "node2: " + CONF + "/b.conf line 1: include 'a.conf' makes an include cycle: " + CONF + "/a.conf -> " + CONF + "/b.conf -> " + CONF + "/a.conf",
                "node2: " + CONF + "/postgresql.conf line 5: include 'gone.conf': " + CONF + "/gone.conf does not exist"),
                refusals);
    }

    @Test
    void aPostmasterLineWaitingForARestartIsNoRejectionButARestart() {
        Plan plan = planWith(node2().rejected(CONF + "/pgconverge.conf", 8, "shared_buffers", "256MB",
                "setting could not be applied").pendingRestart("shared_buffers").build());
        assertFalse(plan.refused(), plan.refusals().toString());
        assertEquals(List.of("shared_buffers"), ((Restart) plan.graph().task("node2/restart")).settings());
    }

    /** ALTER SYSTEM of a postmaster parameter without a reload: pg_settings says nothing yet, pg_file_settings does. */
    @Test
    void aPostmasterLineBeforeAReloadIsNoRejectionEither() {
        Plan plan = planWith(node2().rejected("/srv/lab/node2/data/postgresql.auto.conf", 3, "max_connections", "50",
                "setting could not be applied").build());
        assertFalse(plan.refused(), plan.refusals().toString());
    }

    @Test
    void aRecoverySettingRemovedAfterAPromotionIsNoRejection() {
        Plan plan = planWith(node2().rejected("", 0, "", "", "parameter \"recovery_target_timeline\" cannot be"
                + " changed without restarting the server").build());
        assertFalse(plan.refused(), plan.refusals().toString());
    }

    @Test
    void aLineTheServerRejectsIsRefused() {
        Plan plan = planWith(node2().rejected(CONF + "/conf.d/x.conf", 3, "work_mem", "lots",
                "setting could not be applied").build());
        assertEquals(List.of("node2: " + CONF + "/conf.d/x.conf line 3: work_mem = 'lots' is rejected by the server "
                + "(setting could not be applied); correct or remove the line"),
                plan.refusals().stream().map(Notice::toString).toList());
    }
}
