package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.render.GraphRenderer;
import io.pgconverge.render.JsonPlanRenderer;
import io.pgconverge.render.MarkdownPlanRenderer;
import io.pgconverge.render.TemplateRenderer;
import io.pgconverge.render.TextPlanRenderer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.CLUSTER_ID;
import static io.pgconverge.plan.FactsFixtures.node;
import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Whole plans rendered as text, JSON, Markdown, DOT and Mermaid, compared with golden files. */
class GoldenPlanTest {
    private static void assertAllFormats(String testCase, Plan plan) {
        Golden.assertMatches(testCase, "plan.txt", new TextPlanRenderer(false).render(plan));
        Golden.assertMatches(testCase, "plan.json", new JsonPlanRenderer().render(plan));
        Golden.assertMatches(testCase, "plan.md", new MarkdownPlanRenderer().render(plan));
    }

    private static ClusterFacts fresh(Cluster cluster) {
        List<Host> hosts = cluster.members();
        return FactsFixtures.facts(node(hosts.get(0)).build(), node(hosts.get(1)).build(), node(hosts.get(2)).build());
    }

    @Test
    void freshLab() {
        Cluster cluster = FactsFixtures.labCluster(15);
        Plan plan = planner().plan(cluster, fresh(cluster), secrets());
        assertAllFormats("fresh-lab", plan);
        Golden.assertMatches("fresh-lab", "plan-color.txt", new TextPlanRenderer(true).render(plan));
        Golden.assertMatches("fresh-lab", "plan.dot", new GraphRenderer().dot(plan));
        Golden.assertMatches("fresh-lab", "plan.mmd", new GraphRenderer().mermaid(plan));
    }

    @Test
    void samePlanTwiceIsByteIdentical() {
        Cluster cluster = FactsFixtures.labCluster(15);
        String first = new JsonPlanRenderer().render(planner().plan(cluster, fresh(cluster), secrets()));
        String second = new JsonPlanRenderer().render(planner().plan(cluster, fresh(cluster), secrets()));
        assertEquals(first, second);
        Plan plan = planner().plan(cluster, fresh(cluster), secrets());
        for (String out : List.of(first, new TextPlanRenderer(true).render(plan), new MarkdownPlanRenderer().render(plan),
                new GraphRenderer().dot(plan), new GraphRenderer().mermaid(plan), plan.toString())) {
            for (String secret : List.of("repl-secret", "pg-secret", "pool-secret", "SCRAM-SHA-256$")) {
                assertFalse(out.contains(secret), "a secret in the output: " + secret);
            }
        }
    }

    @Test
    void convergedLab() {
        Cluster cluster = FactsFixtures.labCluster(15);
        assertAllFormats("converged", planner().plan(cluster, FactsFixtures.converged(cluster, secrets()), secrets()));
    }

    @Test
    void freshLabOnPostgres95WithArchive() {
        Cluster base = FactsFixtures.labCluster(905);
        Map<String, String> settings = new LinkedHashMap<>(FactsFixtures.settings());
        settings.remove("max_wal_senders");
        Cluster cluster = new Cluster(FactsFixtures.desired(905, settings, FactsFixtures.roles(),
                Optional.of(new ArchiveSpec("/var/backups/pgsql/archive", true))), base.members());
        Plan plan = planner().plan(cluster, fresh(cluster), secrets());
        Golden.assertMatches("fresh-9.5-archive", "plan.txt", new TextPlanRenderer(false).render(plan));
    }

    @Test
    void newPrimaryWithoutDataAndEmptyStandbys() {
        Cluster cluster = FactsFixtures.labCluster(16);
        List<Host> hosts = cluster.members();
        ClusterFacts facts = FactsFixtures.facts(node(hosts.get(0)).empty().build(), node(hosts.get(1)).empty().build(),
                NodeFacts.unreachable("node3", "ssh: connection refused"));
        assertAllFormats("initdb", planner().plan(cluster, facts, secrets()));
    }

    @Test
    void refusedSplitBrain() {
        Cluster cluster = FactsFixtures.labCluster(15);
        Map<String, NodeFacts> nodes = new LinkedHashMap<>(FactsFixtures.converged(cluster, secrets()).nodes());
        nodes.put("node2", node(cluster.members().get(1)).system(CLUSTER_ID)
                .convergedFiles(new DesiredFiles(cluster, secrets(), TemplateRenderer.builtIn())
                        .of(cluster.members().get(1))).build());
        Plan plan = planner().plan(cluster, new ClusterFacts(nodes), secrets());
        Golden.assertMatches("refused-split-brain", "plan.txt", new TextPlanRenderer(false).render(plan));
    }
}
