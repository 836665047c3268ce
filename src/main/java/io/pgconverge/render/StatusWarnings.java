package io.pgconverge.render;

import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.model.Host;
import io.pgconverge.render.StatusWarning.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The warnings of {@code pgconverge status}, kind by kind in {@link Kind}'s order, nodes in inventory order. */
final class StatusWarnings {
    private final StatusContext context;
    private final List<StatusRow> rows;
    private final List<StatusWarning> out = new ArrayList<>();

    StatusWarnings(StatusContext context, List<StatusRow> rows) {
        this.context = context;
        this.rows = List.copyOf(rows);
    }

    List<StatusWarning> all() {
        reachability();
        roles();
        systemIdentifiers();
        streaming();
        inactiveSlots();
        return List.copyOf(out);
    }

    private void add(Kind kind, List<String> nodes, String message) {
        out.add(new StatusWarning(kind, nodes, message));
    }

    private void reachability() {
        for (StatusRow r : rows) {
            if (r.role() == NodeRole.UNREACHABLE) {
                add(Kind.UNREACHABLE, List.of(r.name()), r.name() + " (" + r.address() + ") is unreachable: "
                        + r.reason().orElse("unknown reason") + ".");
            }
        }
        for (StatusRow r : rows) {
            if (r.role() == NodeRole.UNKNOWN) {
                add(Kind.NO_SESSION, List.of(r.name()), r.name() + ": the server runs but no SQL session could be"
                        + " opened: " + r.reason().orElse("unknown reason") + ".");
            }
        }
        for (StatusRow r : rows) {
            if (r.role() == NodeRole.STOPPED) {
                add(Kind.STOPPED, List.of(r.name()), r.name() + ": PostgreSQL is not running" + dataDirState(r.name())
                        + ".");
            }
        }
    }

    private String dataDirState(String name) {
        return context.facts(name).flatMap(NodeFacts::dataDir).map(d -> !d.initialised()
                ? " (its data directory " + d.path() + " is not initialised)"
                : d.clusterState().map(s -> " (data directory: " + s + ")").orElse("")).orElse("");
    }

    private void roles() {
        List<String> primaries = context.runningPrimaries();
        String desired = context.desiredPrimary();
        if (primaries.size() > 1) {
            add(Kind.SPLIT_BRAIN, primaries, "split brain: " + and(primaries) + " are all out of recovery and accept"
                    + " writes; the playbook's primary is " + desired + ".");
        }
        for (StatusRow r : rows) {
            if (!r.desiredPrimary() && r.role() == NodeRole.PRIMARY && primaries.size() == 1) {
                add(Kind.NOT_IN_RECOVERY, List.of(r.name()), r.name() + " is out of recovery (a primary) but the"
                        + " playbook wants it to be a standby of " + desired + ".");
            }
            if (r.desiredPrimary() && r.role() == NodeRole.STANDBY) {
                add(Kind.PRIMARY_IN_RECOVERY, List.of(r.name()), r.name() + " is the playbook's primary but is in"
                        + " recovery" + r.upstream().map(u -> " (following " + u.label() + ")").orElse("") + ".");
            }
        }
    }

    private void systemIdentifiers() {
        String desired = context.desiredPrimary();
        Optional<Long> primaryId = rows.stream().filter(StatusRow::desiredPrimary).findFirst()
                .flatMap(StatusRow::systemIdentifier);
        if (primaryId.isEmpty()) {
            return;
        }
        for (StatusRow r : rows) {
            if (!r.desiredPrimary() && r.systemIdentifier().isPresent() && !r.systemIdentifier().equals(primaryId)) {
                add(Kind.SYSTEM_IDENTIFIER, List.of(r.name()), r.name() + "'s system identifier "
                        + Long.toUnsignedString(r.systemIdentifier().get()) + " differs from " + desired + "'s "
                        + Long.toUnsignedString(primaryId.get()) + ": it is not a copy of the playbook's primary.");
            }
        }
    }

    private void streaming() {
        String desired = context.desiredPrimary();
        for (StatusRow r : rows) {
            if (r.role() != NodeRole.STANDBY) {
                continue;
            }
            Optional<UpstreamStatus> u = r.upstream();
            String expected = context.declaredUpstream(r.name());
            if (!r.desiredPrimary() && u.isPresent() && !u.get().node().equals(Optional.of(expected))) {
                add(Kind.WRONG_UPSTREAM, List.of(r.name()), r.name() + " follows " + u.get().label()
                        + (u.get().node().isPresent() ? "" : ", which is no node of the cluster")
                        + (expected.equals(desired) ? ", not the playbook's primary " + desired + "."
                        : ", not its upstream " + expected + " (standbys." + r.name() + ".upstream)."));
            }
            if (u.isEmpty() || !u.get().streaming()) {
                String receiver = u.flatMap(UpstreamStatus::receiverStatus).orElse("none");
                add(Kind.NOT_STREAMING, List.of(r.name()), r.name() + " is in recovery but not streaming (WAL receiver: "
                        + receiver + ")" + u.map(x -> "; it is configured to follow " + x.label())
                        .orElse("; no primary_conninfo") + ".");
            }
            r.slot().filter(s -> s.state() == SlotStatus.State.MISSING).ifPresent(s -> add(Kind.MISSING_SLOT,
                    List.of(r.name()), r.name() + "'s slot " + s.name() + " does not exist on "
                            + u.flatMap(UpstreamStatus::node).orElse(desired) + ": nothing keeps the WAL it needs."));
        }
    }

    private void inactiveSlots() {
        for (Host h : context.members()) {
            NodeFacts node = context.facts(h);
            List<SlotFact> slots = node.server().map(ServerFacts::slots).orElse(List.of());
            for (SlotFact s : slots) {
                if (!s.active() && s.restartLsn().isPresent()) {
                    Optional<Long> retained = StatusRows.retained(node, s);
                    add(Kind.INACTIVE_SLOT, List.of(h.name()), h.name() + ": slot " + s.name() + owner(s.name())
                            + " is inactive and retains "
                            + retained.map(StatusWarnings::bytes).orElse("WAL of unknown size")
                            + "; start the standby that uses it, or drop the slot.");
                }
            }
        }
    }

    private String owner(String slot) {
        return context.members().stream().filter(m -> context.slotName(m).equals(Optional.of(slot))).findFirst()
                .map(m -> " (" + m.name() + "'s)").orElse("");
    }

    static String bytes(long n) {
        String human = n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30))
                : n >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        return n + " bytes (" + human + ") of WAL";
    }

    private static String and(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
