package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.Host;
import io.pgconverge.model.IdentMap;
import io.pgconverge.model.NodePaths;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.task.WriteFile;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.planner;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static io.pgconverge.plan.PlannerTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pg_ident.conf owned like pg_hba.conf once the playbook declares maps; an hba option alone is a change. */
class IdentAndHbaOptionsPlanTest {
    private final Cluster lab = FactsFixtures.labCluster(15);

    private Cluster with(List<HbaRule> extraRules, List<IdentMap> ident) {
        DesiredState d = lab.desired();
        List<HbaRule> hba = new ArrayList<>(extraRules);
        hba.addAll(d.hba());
        return new Cluster(new DesiredState(d.source(), d.group(), d.primary(), d.pgVersion(), d.settings(),
                d.archive(), hba, d.roles(), d.replication(), d.marks(), ident), lab.members());
    }

    private static HbaRule backupRule(String options) {
        return new HbaRule("hostssl", "all", "backup", Optional.of("10.0.0.0/8"), "scram-sha-256", Optional.of(options));
    }

    /** Facts of a cluster converged to {@code applied}, pg_ident.conf included when it declares maps. */
    private static ClusterFacts convergedTo(Cluster applied) {
        DesiredFiles files = new DesiredFiles(applied, secrets(), TemplateRenderer.builtIn());
        List<NodeFacts> nodes = new ArrayList<>();
        for (FactsFixtures.Node node : FactsFixtures.convergedNodes(applied, secrets())) {
            Host host = node.host;
            files.of(host).ident().ifPresent(text -> node.file(NodePaths.of(host.pg()).identFile(), text));
            nodes.add(node.build());
        }
        return FactsFixtures.facts(nodes.toArray(NodeFacts[]::new));
    }

    @Test
    void declaredMapsWritePgIdentConfOnEveryNodeInOrderAndReload() {
        Cluster ident = with(List.of(new HbaRule("local", "all", "backup", Optional.empty(), "peer",
                Optional.of("map=backup"))), List.of(new IdentMap("backup", "barman", "backup"),
                new IdentMap("backup", "/^(.*)@example\\.net$", "\\1")));
        Plan plan = planner().plan(ident, convergedTo(lab), secrets());
        List<String> ids = ids(plan);
        for (String node : List.of("node1", "node2", "node3")) {
            assertTrue(ids.contains(node + "/ident"), ids.toString());
            assertTrue(ids.contains(node + "/reload"), ids.toString());
        }
        WriteFile file = (WriteFile) plan.graph().task("node2/ident");
        assertEquals("/srv/lab/node2/conf/pg_ident.conf", file.path());
        assertTrue(file.after().endsWith("# MAPNAME       SYSTEM-USERNAME         PG-USERNAME\n"
                + "backup          barman                  backup\n"
                + "backup          /^(.*)@example\\.net$    \\1\n"), file.after());
        assertFalse(planner().plan(ident, convergedTo(ident), secrets()).hasChanges());
    }

    @Test
    void withoutMapsPgIdentConfIsLeftAlone() {
        assertFalse(planner().plan(lab, convergedTo(lab), secrets()).hasChanges());
    }

    @Test
    void aRuleThatDiffersOnlyInAnOptionIsAChange() {
        Cluster before = with(List.of(backupRule("clientcert=verify-ca")), List.of());
        Cluster after = with(List.of(backupRule("clientcert=verify-full")), List.of());
        assertFalse(planner().plan(before, convergedTo(before), secrets()).hasChanges());
        Plan plan = planner().plan(after, convergedTo(before), secrets());
        assertTrue(ids(plan).containsAll(List.of("node1/hba", "node2/hba", "node3/hba")), ids(plan).toString());
        WriteFile hba = (WriteFile) plan.graph().task("node1/hba");
        assertTrue(hba.after().contains("scram-sha-256 clientcert=verify-full\n"), hba.after());
    }
}
