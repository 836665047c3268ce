package io.pgconverge.plan;

import io.pgconverge.facts.FileSettingError;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.ServerConcerns;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SlotRetention;
import io.pgconverge.model.Cluster;
import io.pgconverge.plan.rolling.ConcernNotices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.pgconverge.plan.FactsFixtures.labCluster;
import static io.pgconverge.plan.FactsFixtures.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcernNoticesTest {
    private final Cluster cluster = labCluster(15);

    private NodeContext primaryWith(ServerConcerns concerns) {
        return new NodeContext(cluster.members().get(0), with("node1", concerns), true);
    }

    private NodeFacts with(String host, ServerConcerns concerns) {
        NodeFacts n = FactsFixtures.converged(cluster, secrets()).nodes().get(host);
        ServerFacts s = n.server().orElseThrow();
        ServerFacts withConcerns = s.withConcerns(concerns);
        NodeFacts facts = new NodeFacts(n.host(), n.reachable(), n.unreachableReason(), n.os(), n.binDir(),
                n.dataDir(), n.files(), n.running(), Optional.of(withConcerns), n.serverError(), n.lastApplied(),
                n.address(), n.installedVersion(), n.platform(), n.leftovers(), n.hotStandby());
        return facts;
    }

    @Test
    void aPostmasterSettingChangedInAFileButNotYetReloadedRestartsThatNodeOnly() {
        var nodes = new java.util.LinkedHashMap<>(FactsFixtures.converged(cluster, secrets()).nodes());
        nodes.put("node3", with("node3", new ServerConcerns(List.of(), List.of(new FileSettingError(
                "/srv/lab/node3/data/postgresql.auto.conf", 3, "max_connections", FileSettingError.AWAITS_RESTART)))));
        Plan plan = FactsFixtures.planner().plan(cluster, new io.pgconverge.facts.ClusterFacts(nodes), secrets());
        assertEquals(List.of("node3/restart", "node1/verify"), plan.tasks().stream()
                .map(io.pgconverge.plan.task.Task::id).filter(id -> !id.endsWith("record-applied")).toList());
        assertEquals(List.of("node3: max_connections changed outside the playbook and waits for a restart, which this "
                + "plan's restart applies"), plan.warnings().stream().map(Notice::toString).toList());
    }

    @Test
    void aSlotHoldingMuchWalOrAtRiskIsNamedWithItsRetainedBytesStatusAndSafeSize() {
        ServerConcerns concerns = new ServerConcerns(List.of(
                new SlotRetention("127_0_0_12", true, Optional.of(1024L * 1024), Optional.of("reserved"),
                        Optional.empty()),
                new SlotRetention("127_0_0_13", false, Optional.of(3L << 30), Optional.of("extended"),
                        Optional.of(512L << 20))), List.of());
        assertEquals(List.of("node1: slot 127_0_0_13 (inactive) retains 3.0 GB of WAL (wal_status extended, "
                + "safe_wal_size 512 MB (536870912 bytes)): its standby is gone or down; bring it back or drop the "
                + "slot before the disk fills"), ConcernNotices.of(List.of(primaryWith(concerns))).stream()
                .map(Notice::toString).toList());
    }

    @Test
    void aSettingThatFailedToLoadIsReportedWithItsFileAndLine() {
        ServerConcerns concerns = new ServerConcerns(List.of(), List.of(new FileSettingError(
                "/srv/lab/node1/conf/postgresql.conf", 12, "work_mem",
                "invalid value for parameter \"work_mem\": \"lots\""), new FileSettingError(
                "/srv/lab/node1/conf/postgresql.conf", 13, "shared_buffers", "setting could not be applied"),
                new FileSettingError("", 0, "recovery_target_timeline", "parameter \"recovery_target_timeline\" "
                        + "cannot be changed without restarting the server")));
        assertEquals(List.of("node1: /srv/lab/node1/conf/postgresql.conf:12: work_mem could not be applied: "
                + "invalid value for parameter \"work_mem\": \"lots\""), ConcernNotices.of(List.of(primaryWith(concerns))).stream()
                .map(Notice::toString).toList());
    }
}
