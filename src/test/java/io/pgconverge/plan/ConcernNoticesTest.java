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
        NodeFacts n = FactsFixtures.converged(cluster, secrets()).nodes().get("node1");
        ServerFacts s = n.server().orElseThrow();
        ServerFacts withConcerns = new ServerFacts(s.version(), s.versionNum(), s.systemIdentifier(), s.timeline(),
                s.inRecovery(), s.currentLsn(), s.receivedLsn(), s.replayedLsn(), s.upstream(), s.settings(),
                s.hbaRules(), s.roles(), s.slots(), s.replication(), s.replayDelaySeconds(), concerns);
        NodeFacts facts = new NodeFacts(n.host(), n.reachable(), n.unreachableReason(), n.os(), n.binDir(),
                n.dataDir(), n.files(), n.running(), Optional.of(withConcerns), n.serverError(), n.lastApplied(),
                n.address(), n.installedVersion(), n.hotStandby());
        return new NodeContext(cluster.members().get(0), facts, true);
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
                "/srv/lab/node1/conf/postgresql.conf", 12, "shared_buffers",
                "setting could not be applied")));
        assertEquals(List.of("node1: /srv/lab/node1/conf/postgresql.conf:12: shared_buffers could not be applied: "
                + "setting could not be applied"), ConcernNotices.of(List.of(primaryWith(concerns))).stream()
                .map(Notice::toString).toList());
    }
}
