package io.pgconverge.render;

import io.pgconverge.facts.ApplyDelay;
import io.pgconverge.facts.Lsn;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.ReplicationFact;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.model.Host;

import java.util.List;
import java.util.Optional;

/** Builds one {@link StatusRow} per member: role, WAL position, lag, slot and upstream. Pure. */
final class StatusRows {
    private final StatusContext context;

    StatusRows(StatusContext context) {
        this.context = context;
    }

    StatusRow of(Host host) {
        NodeFacts node = context.facts(host);
        NodeRole role = NodeRole.of(node);
        String address = node.address().isEmpty() ? host.address() : node.address();
        Optional<String> reason = node.unreachableReason().or(node::serverError);
        if (!node.reachable()) {
            return new StatusRow(host.name(), address, role, isDesiredPrimary(host), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), slot(host, role),
                    Optional.empty(), Optional.empty(), Optional.empty(), reason);
        }
        Optional<ServerFacts> server = node.server();
        Optional<Long> lagBytes = role == NodeRole.STANDBY ? lagBytes(host, node) : Optional.empty();
        Optional<Double> lagSeconds = role == NodeRole.STANDBY ? lagSeconds(host, node, lagBytes) : Optional.empty();
        return new StatusRow(host.name(), address, role, isDesiredPrimary(host), StatusContext.systemIdentifier(node),
                FactsTextRenderer.timeline(node), StatusContext.position(node),
                server.filter(ServerFacts::inRecovery).flatMap(ServerFacts::receivedLsn), lagBytes, lagSeconds,
                slot(host, role), context.upstream(host), applyDelay(server, role), node.lastApplied(), reason);
    }

    private static Optional<String> applyDelay(Optional<ServerFacts> server, NodeRole role) {
        return server.filter(s -> role == NodeRole.STANDBY).flatMap(ApplyDelay::of);
    }

    private boolean isDesiredPrimary(Host host) {
        return host.name().equals(context.desiredPrimary());
    }

    /**
     * A standby's slot on its upstream; also shown for a desired standby that is stopped or unreachable. A node
     * acting as a primary, and the playbook's primary unless it is in recovery, have none.
     */
    private Optional<SlotStatus> slot(Host host, NodeRole role) {
        if (role == NodeRole.PRIMARY || (isDesiredPrimary(host) && role != NodeRole.STANDBY)) {
            return Optional.empty();
        }
        return context.slotName(host).map(name -> slotOn(context.reference(host), name));
    }

    static SlotStatus slotOn(Optional<NodeFacts> upstream, String name) {
        Optional<ServerFacts> server = upstream.flatMap(NodeFacts::server);
        if (server.isEmpty()) {
            return new SlotStatus(name, SlotStatus.State.UNKNOWN, Optional.empty());
        }
        Optional<SlotFact> slot = server.get().slots().stream().filter(s -> s.name().equals(name)).findFirst();
        if (slot.isEmpty()) {
            return new SlotStatus(name, SlotStatus.State.MISSING, Optional.empty());
        }
        Optional<Long> retained = retained(upstream.get(), slot.get());
        return new SlotStatus(name, slot.get().active() ? SlotStatus.State.ACTIVE : SlotStatus.State.INACTIVE,
                retained);
    }

    /** The WAL a slot holds back on its node: the node's position minus the slot's restart_lsn, at least 0. */
    static Optional<Long> retained(NodeFacts node, SlotFact slot) {
        return slot.restartLsn()
                .flatMap(restart -> StatusContext.position(node).map(p -> Math.max(0, p.minus(restart))));
    }

    /**
     * Bytes a standby's replay is behind its upstream: from the upstream's own pg_stat_replication row when it
     * has one (both LSNs from one snapshot), else the upstream's position minus the standby's replayed LSN.
     * Only between nodes of the same system identifier.
     */
    private Optional<Long> lagBytes(Host host, NodeFacts node) {
        Optional<NodeFacts> upstream = context.reference(host)
                .filter(u -> StatusContext.systemIdentifier(u).equals(StatusContext.systemIdentifier(node)));
        Optional<Lsn> upstreamAt = upstream.flatMap(StatusContext::position);
        if (upstreamAt.isEmpty()) {
            return Optional.empty();
        }
        Optional<Lsn> replayed = sender(host, upstream.get()).flatMap(ReplicationFact::replayLsn)
                .or(() -> node.server().flatMap(ServerFacts::replayedLsn));
        return replayed.map(r -> Math.max(0, upstreamAt.get().minus(r)));
    }

    /**
     * The upstream's replay_lag for this standby; 0 when it has replayed everything (PostgreSQL shows no lag
     * once a standby has caught up and the primary is idle); else the time since the standby last replayed a
     * commit.
     */
    private Optional<Double> lagSeconds(Host host, NodeFacts node, Optional<Long> lagBytes) {
        Optional<Double> measured = context.reference(host).flatMap(u -> sender(host, u))
                .flatMap(ReplicationFact::replayLagSeconds);
        if (measured.isPresent()) {
            return measured;
        }
        if (lagBytes.isPresent() && lagBytes.get() == 0) {
            return Optional.of(0.0);
        }
        return lagBytes.isPresent() ? node.server().flatMap(ServerFacts::replayDelaySeconds) : Optional.empty();
    }

    /** The upstream's pg_stat_replication row of this standby: by slot, else application_name, else address. */
    private Optional<ReplicationFact> sender(Host host, NodeFacts upstream) {
        List<ReplicationFact> rows = upstream.server().map(ServerFacts::replication).orElse(List.of());
        Optional<String> slot = context.slotName(host);
        return rows.stream().filter(r -> slot.isPresent() && r.slotName().equals(slot)).findFirst()
                .or(() -> rows.stream().filter(r -> r.applicationName().equals(host.name())).findFirst())
                .or(() -> rows.stream().filter(r -> r.clientAddr().equals(Optional.of(host.address()))).findFirst());
    }
}
