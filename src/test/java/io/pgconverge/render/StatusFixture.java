package io.pgconverge.render;

import io.pgconverge.facts.AppliedRecord;
import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.Fixtures;
import io.pgconverge.facts.Lsn;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.OsFacts;
import io.pgconverge.facts.ReplicationFact;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.ReplicationSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Synthetic facts of a three-node cluster node1..node3 on 192.168.56.111..113, port 5432, Debian layout, with the
 * playbook's primary node1 and one slot per standby named after its address.
 */
final class StatusFixture {
    static final long SYSTEM_ID = 7312345678901234567L;
    static final String DATA = "/var/lib/postgresql/15/main";

    private StatusFixture() {
    }

    static Host host(String name) {
        return Fixtures.host(name, address(name), ConnectionKind.SSH, Fixtures.debian(15));
    }

    static String address(String name) {
        return "192.168.56.11" + name.substring(name.length() - 1);
    }

    static String slot(String name) {
        return address(name).replace('.', '_');
    }

    static Cluster cluster(String primary) {
        DesiredState desired = new DesiredState("playbooks/ha.yml", "pg_main", primary, 15, Map.of(), Optional.empty(),
                List.of(), List.of(), Optional.of(new ReplicationSpec("repl", true, Map.of())), Map.of());
        return new Cluster(desired, List.of(host("node1"), host("node2"), host("node3")));
    }

    static ClusterFacts facts(NodeFacts... nodes) {
        Map<String, NodeFacts> m = new LinkedHashMap<>();
        for (NodeFacts n : nodes) {
            m.put(n.host(), n);
        }
        return new ClusterFacts(m);
    }

    static ClusterStatus status(String primary, NodeFacts... nodes) {
        return ClusterStatus.of(cluster(primary), facts(nodes));
    }

    static NodeFacts primary(String name, long systemId, String currentLsn, List<SlotFact> slots,
                             List<ReplicationFact> replication) {
        ServerFacts s = new ServerFacts("15.8", 150008, systemId, 1, false, lsn(currentLsn), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), List.of(), Map.of(), slots, replication, Optional.empty());
        return running(name, systemId, s, false);
    }

    /** A standby whose WAL receiver streams from {@code upstream} (a node name) with its address-named slot. */
    static NodeFacts standby(String name, long systemId, String upstream, String replayed, Optional<Double> delay) {
        UpstreamFacts u = new UpstreamFacts(Optional.of("user=repl password=(sensitive) host=" + address(upstream)
                + " port=5432 application_name=" + name), Optional.of(slot(name)), Optional.of(address(upstream)),
                Optional.of(5432), Optional.of("streaming"));
        return standby(name, systemId, u, replayed, delay);
    }

    static NodeFacts standby(String name, long systemId, UpstreamFacts upstream, String replayed,
                             Optional<Double> delay) {
        ServerFacts s = new ServerFacts("15.8", 150008, systemId, 1, true, Optional.empty(), lsn(replayed),
                lsn(replayed), Optional.of(upstream), Map.of(), List.of(), Map.of(), List.of(), List.of(), delay);
        return running(name, systemId, s, true);
    }

    static NodeFacts stopped(String name, long systemId, Map<String, FileFact> files, boolean standbySignal) {
        return new NodeFacts(name, true, Optional.empty(), os(name), Optional.of("/usr/lib/postgresql/15/bin"),
                Optional.of(dataDir(systemId, "shut down", standbySignal)), files, false, Optional.empty(),
                Optional.empty(), Optional.empty(), address(name), Optional.of("15.8"));
    }

    static NodeFacts unreachable(String name) {
        return NodeFacts.unreachable(name, address(name), "connect timed out after 10 s");
    }

    static NodeFacts withApplied(NodeFacts n, AppliedRecord applied) {
        return new NodeFacts(n.host(), n.reachable(), n.unreachableReason(), n.os(), n.binDir(), n.dataDir(), n.files(),
                n.running(), n.server(), n.serverError(), Optional.of(applied), n.address(), n.installedVersion());
    }

    static SlotFact slotFact(String name, boolean active, String restartLsn) {
        return new SlotFact(name, "physical", active, lsn(restartLsn), Optional.of("reserved"));
    }

    static ReplicationFact sender(String standby, String replayLsn, Optional<Double> replayLag) {
        return new ReplicationFact(standby, Optional.of(address(standby)), "streaming", lsn(replayLsn), lsn(replayLsn),
                lsn(replayLsn), "async", Optional.of(slot(standby)), replayLag);
    }

    static Optional<Lsn> lsn(String text) {
        return Optional.ofNullable(text).map(Lsn::parse);
    }

    private static NodeFacts running(String name, long systemId, ServerFacts server, boolean standbySignal) {
        return new NodeFacts(name, true, Optional.empty(), os(name), Optional.of("/usr/lib/postgresql/15/bin"),
                Optional.of(dataDir(systemId, standbySignal ? "in archive recovery" : "in production", standbySignal)),
                Map.of(), true, Optional.of(server), Optional.empty(), Optional.empty(), address(name),
                Optional.of("15.8"));
    }

    private static Optional<OsFacts> os(String name) {
        return Optional.of(new OsFacts("debian", "12", "x86_64", name));
    }

    private static DataDirFacts dataDir(long systemId, String state, boolean standbySignal) {
        return new DataDirFacts(DATA, true, true, "postgres", Optional.of(15), Optional.of(systemId),
                Optional.of(state), Optional.of(1), lsn("0/2000028"), standbySignal, false);
    }
}
