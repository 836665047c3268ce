package io.pgconverge.render;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.ConninfoKeys;
import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.Lsn;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.PostgresConf;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.plan.slots.SlotNames;

import java.util.List;
import java.util.Optional;

/**
 * What the status rows and warnings share: the cluster's members with their facts, which node acts as the
 * primary, where each standby streams from and which slot it uses. Pure.
 */
final class StatusContext {
    private static final int DEFAULT_PG_PORT = 5432;
    private final Cluster cluster;
    private final ClusterFacts facts;

    StatusContext(Cluster cluster, ClusterFacts facts) {
        this.cluster = cluster;
        this.facts = facts;
    }

    Cluster cluster() {
        return cluster;
    }

    List<Host> members() {
        return cluster.members();
    }

    String desiredPrimary() {
        return cluster.desired().primary();
    }

    /** The node the playbook has a standby stream from: its declared upstream, else the primary. */
    String declaredUpstream(String standby) {
        return cluster.desired().topology().standby(standby).upstream().orElse(desiredPrimary());
    }

    NodeFacts facts(Host host) {
        return facts.node(host.name()).orElseGet(() -> NodeFacts.unreachable(host.name(), host.address(),
                "no facts were gathered"));
    }

    Optional<NodeFacts> facts(String name) {
        return cluster.host(name).map(this::facts);
    }

    /** Running members out of recovery, in inventory order. */
    List<String> runningPrimaries() {
        return members().stream().filter(h -> facts(h).isPrimary()).map(Host::name).toList();
    }

    /** The node acting as primary: the playbook's when it is one, else the only node out of recovery. */
    Optional<String> actingPrimary() {
        List<String> primaries = runningPrimaries();
        if (primaries.contains(desiredPrimary())) {
            return Optional.of(desiredPrimary());
        }
        return primaries.size() == 1 ? Optional.of(primaries.get(0)) : Optional.empty();
    }

    /** Where a node's WAL stands: a primary's current LSN, a standby's replayed (else received) LSN. */
    static Optional<Lsn> position(NodeFacts node) {
        return node.server().flatMap(s -> s.inRecovery() ? s.replayedLsn().or(s::receivedLsn) : s.currentLsn());
    }

    static Optional<Long> systemIdentifier(NodeFacts node) {
        return FactsTextRenderer.systemId(node);
    }

    /**
     * Where a standby streams from (the WAL receiver's sender), else where it is configured to (primary_conninfo
     * of the running server, or for a stopped standby of its configuration files); empty for a node that is no
     * standby.
     */
    Optional<UpstreamStatus> upstream(Host host) {
        NodeFacts node = facts(host);
        Optional<UpstreamFacts> live = node.server().flatMap(ServerFacts::upstream);
        if (live.isPresent()) {
            UpstreamFacts u = live.get();
            if (u.senderHost().isPresent()) {
                return Optional.of(resolved(u.senderHost().get(), u.senderPort(), u.receiverStatus()));
            }
            return u.primaryConninfo().flatMap(c -> fromConninfo(c, u.receiverStatus()));
        }
        if (node.server().isPresent() || !node.reachable() || !configuredAsStandby(node)) {
            return Optional.empty();
        }
        return configured(host, node, "primary_conninfo").flatMap(c -> fromConninfo(c, Optional.empty()));
    }

    private Optional<UpstreamStatus> fromConninfo(String conninfo, Optional<String> receiverStatus) {
        Optional<String> host = ConninfoKeys.value(conninfo, "host").or(() -> ConninfoKeys.value(conninfo, "hostaddr"))
                .filter(h -> !h.isBlank());
        Optional<Integer> port = ConninfoKeys.value(conninfo, "port").flatMap(StatusContext::integer);
        return host.map(h -> resolved(h, port, receiverStatus));
    }

    private UpstreamStatus resolved(String host, Optional<Integer> port, Optional<String> receiverStatus) {
        int p = port.orElse(DEFAULT_PG_PORT);
        Optional<String> node = members().stream()
                .filter(m -> m.pg().port() == p && (host.equals(m.address()) || host.equals(m.name())
                        || host.equals(m.pg().socketDir())))
                .map(Host::name).findFirst();
        return new UpstreamStatus(node, host, port, receiverStatus);
    }

    /**
     * The node a standby's WAL position and slot are measured against: its upstream when that is a node of the
     * cluster with SQL facts, else the acting primary.
     */
    Optional<NodeFacts> reference(Host host) {
        Optional<NodeFacts> upstream = upstream(host).flatMap(UpstreamStatus::node)
                .filter(n -> !n.equals(host.name())).flatMap(this::facts).filter(n -> n.server().isPresent());
        return upstream.or(() -> actingPrimary().filter(p -> !p.equals(host.name())).flatMap(this::facts));
    }

    /** The slot a node streams through: its configured primary_slot_name, else the playbook's name for it. */
    Optional<String> slotName(Host host) {
        NodeFacts node = facts(host);
        Optional<String> configured = node.server().flatMap(ServerFacts::upstream).flatMap(UpstreamFacts::slotName)
                .or(() -> node.server().isEmpty() && configuredAsStandby(node)
                        ? configured(host, node, "primary_slot_name") : Optional.empty())
                .filter(s -> !s.isBlank());
        if (configured.isPresent() || host.name().equals(desiredPrimary())) {
            return configured;
        }
        return cluster.desired().replication().filter(r -> r.slots()).map(r -> SlotNames.of(r, host));
    }

    private static boolean configuredAsStandby(NodeFacts node) {
        return node.dataDir().map(d -> d.standbySignal() || d.recoveryConf()).orElse(false);
    }

    /** A recovery setting from a stopped node's files: postgresql.auto.conf, pgconverge.conf, recovery.conf. */
    private static Optional<String> configured(Host host, NodeFacts node, String name) {
        String data = node.dataDir().map(DataDirFacts::path).orElse(host.pg().dataDir());
        for (String path : List.of(data + "/postgresql.auto.conf", host.pg().configDir() + "/pgconverge.conf",
                data + "/recovery.conf")) {
            Optional<String> value = node.file(path).content().flatMap(c -> PostgresConf.lastValue(c, name));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
