package io.pgconverge.render;

import io.pgconverge.facts.AppliedRecord;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.render.StatusWarning.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.render.StatusFixture.SYSTEM_ID;
import static io.pgconverge.render.StatusFixture.primary;
import static io.pgconverge.render.StatusFixture.sender;
import static io.pgconverge.render.StatusFixture.slot;
import static io.pgconverge.render.StatusFixture.slotFact;
import static io.pgconverge.render.StatusFixture.standby;
import static io.pgconverge.render.StatusFixture.status;
import static io.pgconverge.render.StatusFixture.stopped;
import static io.pgconverge.render.StatusFixture.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterStatusTest {
    private static final Optional<Double> NONE = Optional.empty();

    private static NodeFacts healthyPrimary() {
        return primary("node1", SYSTEM_ID, "0/3000148",
                List.of(slotFact(slot("node2"), true, "0/3000148"), slotFact(slot("node3"), true, "0/3000000")),
                List.of(sender("node2", "0/3000148", NONE), sender("node3", "0/3000000", Optional.of(1.25))));
    }

    private static List<Kind> kinds(ClusterStatus s) {
        return s.warnings().stream().map(StatusWarning::kind).toList();
    }

    private static StatusWarning only(ClusterStatus s, Kind kind) {
        List<StatusWarning> found = s.warnings().stream().filter(w -> w.kind() == kind).toList();
        assertEquals(1, found.size(), s.warnings().toString());
        return found.get(0);
    }

    @Test
    void aHealthyClusterHasRowsWithLagSlotAndUpstreamAndNoWarning() {
        ClusterStatus s = status("node1", healthyPrimary(),
                standby("node2", SYSTEM_ID, "node1", "0/3000148", Optional.of(400.0)),
                standby("node3", SYSTEM_ID, "node1", "0/3000000", Optional.of(3.0)));

        assertEquals(List.of(), s.warnings());
        assertTrue(s.healthy());
        StatusRow p = s.nodes().get(0);
        assertEquals(NodeRole.PRIMARY, p.role());
        assertTrue(p.desiredPrimary());
        assertEquals("0/3000148", p.lsn().orElseThrow().toString());
        assertEquals(Optional.empty(), p.slot());
        assertEquals(Optional.empty(), p.lagBytes());

        StatusRow n2 = s.nodes().get(1);
        assertEquals(NodeRole.STANDBY, n2.role());
        assertEquals(Optional.of(0L), n2.lagBytes());
        assertEquals(Optional.of(0.0), n2.lagSeconds(), "caught up: 0 s, not the time since the last commit");
        assertEquals(new SlotStatus("192_168_56_112", SlotStatus.State.ACTIVE, Optional.of(0L)), n2.slot().orElseThrow());
        assertEquals(Optional.of("node1"), n2.upstream().orElseThrow().node());
        assertTrue(n2.upstream().orElseThrow().streaming());

        StatusRow n3 = s.nodes().get(2);
        assertEquals(Optional.of(0x148L), n3.lagBytes(), "from the primary's pg_stat_replication row");
        assertEquals(Optional.of(1.25), n3.lagSeconds(), "the primary's replay_lag");
        assertEquals(Optional.of(0x148L), n3.slot().orElseThrow().retainedBytes());

        String text = new StatusTextRenderer().render(s);
        assertTrue(text.startsWith("Cluster pg_main (playbook primary: node1)\n\nNODE "), text);
        assertTrue(text.endsWith("\nNo warnings: node1 is the primary, 2 standbys stream from it.\n"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("node3 +192\\.168\\.56\\.113 +standby +1 +0/3000000 +328 +1\\.25"
                + " +192_168_56_113 \\(active\\) +node1 +never")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("node1 +192\\.168\\.56\\.111 +primary \\* +1 +0/3000148( +-){4}"
                + " +never")), text);
    }

    @Test
    void withoutASenderRowTheLagComesFromTheStandbysReplayPositionAndDelay() {
        NodeFacts p = primary("node1", SYSTEM_ID, "0/3000148", List.of(slotFact(slot("node2"), true, "0/3000000"),
                slotFact(slot("node3"), true, "0/3000000")), List.of());
        ClusterStatus s = status("node1", p, standby("node2", SYSTEM_ID, "node1", "0/3000100", Optional.of(12.5)),
                standby("node3", SYSTEM_ID, "node1", "0/3000148", Optional.of(99.0)));
        assertEquals(Optional.of(0x48L), s.nodes().get(1).lagBytes());
        assertEquals(Optional.of(12.5), s.nodes().get(1).lagSeconds());
        assertEquals(Optional.of(0.0), s.nodes().get(2).lagSeconds());
    }

    @Test
    void aStandbyFollowingAnotherStandbyFollowsTheWrongUpstream() {
        NodeFacts n2 = standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE);
        ClusterStatus s = status("node1", healthyPrimary(), n2, standby("node3", SYSTEM_ID, "node2", "0/3000100", NONE));

        StatusWarning w = only(s, Kind.WRONG_UPSTREAM);
        assertEquals(List.of("node3"), w.nodes());
        assertEquals("node3 follows node2, not the playbook's primary node1.", w.message());
        assertEquals(Optional.of(0x48L), s.nodes().get(2).lagBytes(), "measured against node2, its upstream");
        assertEquals(SlotStatus.State.MISSING, s.nodes().get(2).slot().orElseThrow().state(), "node2 has no slots");
        assertTrue(kinds(s).contains(Kind.MISSING_SLOT), kinds(s).toString());
    }

    @Test
    void anUpstreamOutsideTheClusterIsNamedByHostAndPort() {
        UpstreamFacts elsewhere = new UpstreamFacts(Optional.of("host=10.9.9.9 port=5433"), Optional.empty(),
                Optional.of("10.9.9.9"), Optional.of(5433), Optional.of("streaming"));
        ClusterStatus s = status("node1", healthyPrimary(), standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                standby("node3", SYSTEM_ID, elsewhere, "0/3000148", NONE));
        assertEquals("node3 follows 10.9.9.9:5433, which is no node of the cluster, not the playbook's primary node1.",
                only(s, Kind.WRONG_UPSTREAM).message());
    }

    @Test
    void twoNodesOutOfRecoveryAreASplitBrainNamingBoth() {
        long other = 7399999999999999999L;
        ClusterStatus s = status("node1", healthyPrimary(), primary("node2", other, "0/5000000", List.of(), List.of()),
                standby("node3", SYSTEM_ID, "node1", "0/3000000", NONE));

        StatusWarning w = only(s, Kind.SPLIT_BRAIN);
        assertEquals(List.of("node1", "node2"), w.nodes());
        assertEquals("split brain: node1 and node2 are all out of recovery and accept writes; the playbook's primary"
                + " is node1.", w.message());
        assertFalse(kinds(s).contains(Kind.NOT_IN_RECOVERY), "the split brain says it already");
        assertEquals(List.of("node2"), only(s, Kind.SYSTEM_IDENTIFIER).nodes());
        assertEquals(Optional.empty(), s.nodes().get(1).slot(), "a primary has no slot of its own");
    }

    @Test
    void threeFreshPrimariesAreOneSplitBrainAndTwoForeignSystems() {
        ClusterStatus s = status("node1", primary("node1", 1L, "0/1000000", List.of(), List.of()),
                primary("node2", 2L, "0/1000000", List.of(), List.of()),
                primary("node3", 3L, "0/1000000", List.of(), List.of()));
        assertEquals(List.of(Kind.SPLIT_BRAIN, Kind.SYSTEM_IDENTIFIER, Kind.SYSTEM_IDENTIFIER), kinds(s));
        assertTrue(s.warnings().get(0).message().startsWith("split brain: node1, node2 and node3 are all out of"));
    }

    @Test
    void aDesiredStandbyOutOfRecoveryWhileThePrimaryIsDownIsNamed() {
        ClusterStatus s = status("node1", stopped("node1", SYSTEM_ID, Map.of(), false),
                primary("node2", SYSTEM_ID, "0/4000000", List.of(slotFact(slot("node3"), true, "0/4000000")), List.of()),
                standby("node3", SYSTEM_ID, "node2", "0/4000000", NONE));
        assertEquals(List.of(Kind.STOPPED, Kind.NOT_IN_RECOVERY, Kind.WRONG_UPSTREAM), kinds(s));
        assertEquals("node2 is out of recovery (a primary) but the playbook wants it to be a standby of node1.",
                only(s, Kind.NOT_IN_RECOVERY).message());
        assertEquals("node1: PostgreSQL is not running (data directory: shut down).", only(s, Kind.STOPPED).message());
        assertEquals(SlotStatus.State.ACTIVE, s.nodes().get(2).slot().orElseThrow().state(), "on node2, its upstream");
    }

    @Test
    void anInactiveSlotRetainingWalIsAWarningWithTheRetainedBytes() {
        NodeFacts p = primary("node1", SYSTEM_ID, "0/3000148", List.of(slotFact(slot("node2"), true, "0/3000148"),
                slotFact(slot("node3"), false, "0/2000000"), slotFact("archiver", false, null)),
                List.of(sender("node2", "0/3000148", NONE)));
        ClusterStatus s = status("node1", p, standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                stopped("node3", SYSTEM_ID, Map.of(), true));

        assertEquals(List.of(Kind.STOPPED, Kind.INACTIVE_SLOT), kinds(s), "a slot without restart_lsn retains nothing");
        assertEquals("node1: slot 192_168_56_113 (node3's) is inactive and retains 16777544 bytes (16.0 MiB) of WAL;"
                + " start the standby that uses it, or drop the slot.", only(s, Kind.INACTIVE_SLOT).message());
        StatusRow n3 = s.nodes().get(2);
        assertEquals(NodeRole.STOPPED, n3.role());
        assertEquals(new SlotStatus("192_168_56_113", SlotStatus.State.INACTIVE, Optional.of(16777544L)),
                n3.slot().orElseThrow());
        assertEquals(Optional.of(SYSTEM_ID), n3.systemIdentifier(), "read from the data directory");
        assertEquals(Optional.empty(), n3.lagBytes());
    }

    @Test
    void aStoppedStandbysUpstreamAndSlotComeFromItsConfigurationFiles() {
        String auto = StatusFixture.DATA + "/postgresql.auto.conf";
        FileFact conf = new FileFact(auto, true, Optional.of("primary_conninfo = 'user=repl password=(sensitive) "
                + "host=192.168.56.112 port=5432'\nprimary_slot_name = 'mine'\n"), "postgres", "0600");
        ClusterStatus s = status("node1", healthyPrimary(), standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                stopped("node3", SYSTEM_ID, Map.of(auto, conf), true));
        StatusRow n3 = s.nodes().get(2);
        assertEquals(Optional.of("node2"), n3.upstream().orElseThrow().node());
        assertFalse(n3.upstream().orElseThrow().streaming());
        assertEquals(new SlotStatus("mine", SlotStatus.State.MISSING, Optional.empty()), n3.slot().orElseThrow());
        assertEquals(List.of(Kind.STOPPED), kinds(s), "a stopped standby's upstream is shown, not judged");
    }

    @Test
    void aStandbyWithoutAWalReceiverIsNotStreaming() {
        UpstreamFacts configured = new UpstreamFacts(Optional.of("host=192.168.56.111 port=5432"),
                Optional.of(slot("node3")), Optional.empty(), Optional.empty(), Optional.empty());
        ClusterStatus s = status("node1", healthyPrimary(), standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                standby("node3", SYSTEM_ID, configured, "0/3000000", Optional.of(30.0)));
        assertEquals("node3 is in recovery but not streaming (WAL receiver: none); it is configured to follow node1.",
                only(s, Kind.NOT_STREAMING).message());
        assertFalse(kinds(s).contains(Kind.WRONG_UPSTREAM));
    }

    @Test
    void aStandbyOfAnotherSystemIsNamed() {
        long other = 7399999999999999999L;
        ClusterStatus s = status("node1", healthyPrimary(), standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                standby("node3", other, "node1", "0/3000000", NONE));
        assertEquals("node3's system identifier 7399999999999999999 differs from node1's 7312345678901234567: it is"
                + " not a copy of the playbook's primary.", only(s, Kind.SYSTEM_IDENTIFIER).message());
        assertEquals(Optional.empty(), s.nodes().get(2).lagBytes(), "LSNs of different systems are not compared");
    }

    @Test
    void unreachableNodesAreWarningsAndOnlyAllUnreachableIsNothingReachable() {
        ClusterStatus s = status("node1", healthyPrimary(), standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                unreachable("node3"));
        assertEquals("node3 (192.168.56.113) is unreachable: connect timed out after 10 s.",
                only(s, Kind.UNREACHABLE).message());
        assertEquals(SlotStatus.State.ACTIVE, s.nodes().get(2).slot().orElseThrow().state(),
                "its slot on the primary is still shown");
        assertFalse(s.nothingReachable());

        ClusterStatus none = status("node1", unreachable("node1"), unreachable("node2"), unreachable("node3"));
        assertTrue(none.nothingReachable());
        assertEquals(3, none.warnings().size());
        assertTrue(none.nodes().stream().allMatch(r -> r.slot().isEmpty() || r.slot().get().state()
                == SlotStatus.State.UNKNOWN));
    }

    @Test
    void showsWhatWasLastAppliedWithAShortCommit() {
        NodeFacts p = StatusFixture.withApplied(healthyPrimary(), new AppliedRecord("playbooks/ha.yml",
                Optional.of("5f2c9e1d0b7a"), "2024-05-01T12:00:00Z", "0.1.0"));
        ClusterStatus s = status("node1", p, standby("node2", SYSTEM_ID, "node1", "0/3000148", NONE),
                standby("node3", SYSTEM_ID, "node1", "0/3000000", NONE));
        assertTrue(new StatusTextRenderer().render(s).lines().anyMatch(l -> l.startsWith("node1 ")
                && l.endsWith("2024-05-01T12:00:00Z 5f2c9e1")));
    }
}
