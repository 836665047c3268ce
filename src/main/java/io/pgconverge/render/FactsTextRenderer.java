package io.pgconverge.render;

import io.pgconverge.facts.ApplyDelay;
import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.OsFacts;
import io.pgconverge.facts.PgVersions;
import io.pgconverge.facts.PreflightProblem;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Cluster facts as text: one table row per node, then a few detail lines per node, then any problems. Pure. */
public final class FactsTextRenderer {
    private static final List<String> HEADER = List.of("NODE", "ADDRESS", "REACHABLE", "OS", "ARCH", "PG", "RUNNING",
            "ROLE", "SYSTEM ID", "TL", "LSN", "UPSTREAM", "SLOTS", "LAST APPLIED");

    public String render(ClusterFacts facts) {
        return render(facts, List.of());
    }

    public String render(ClusterFacts facts, List<PreflightProblem> problems) {
        TextTable table = new TextTable(HEADER);
        facts.nodes().values().forEach(n -> table.add(row(n)));
        StringBuilder out = new StringBuilder(table.render());
        for (NodeFacts n : facts.nodes().values()) {
            out.append('\n').append(NodeDetailLines.of(n));
        }
        if (!problems.isEmpty()) {
            out.append("\nProblems:\n");
            problems.forEach(p -> out.append("  - ").append(p.message()).append('\n'));
        }
        return out.toString();
    }

    private static List<String> row(NodeFacts n) {
        List<String> cells = new ArrayList<>();
        cells.add(n.host());
        cells.add(dash(n.address()));
        cells.add(n.reachable() ? "yes" : "no");
        if (!n.reachable()) {
            cells.addAll(List.of("-", "-", "-", "-", NodeRole.UNREACHABLE.label(), "-", "-", "-", "-", "-", "-"));
            return cells;
        }
        cells.add(n.os().map(o -> o.family() + " " + o.version()).orElse("-"));
        cells.add(n.os().map(OsFacts::arch).orElse("-"));
        cells.add(pgVersion(n));
        cells.add(n.running() ? "yes" : "no");
        cells.add(NodeRole.of(n).label() + n.server().filter(ServerFacts::inRecovery).flatMap(ApplyDelay::of)
                .map(d -> " (delay " + d + ")").orElse(""));
        cells.add(systemId(n).map(Long::toUnsignedString).orElse("-"));
        cells.add(timeline(n).map(String::valueOf).orElse("-"));
        cells.add(n.server().map(FactsTextRenderer::lsn).orElse("-"));
        cells.add(n.server().flatMap(ServerFacts::upstream).map(FactsTextRenderer::upstream).orElse("-"));
        cells.add(n.server().map(s -> slots(s.slots())).orElse("-"));
        cells.add(n.lastApplied().map(a -> a.appliedAt()).orElse("never"));
        return cells;
    }

    static String pgVersion(NodeFacts n) {
        return n.installedVersion()
                .or(() -> n.server().map(s -> PgVersions.label(s.majorVersion())))
                .or(() -> n.dataDir().flatMap(d -> d.pgVersion()).map(PgVersions::label))
                .orElse("-");
    }

    static Optional<Long> systemId(NodeFacts n) {
        return n.server().map(ServerFacts::systemIdentifier).filter(id -> id != 0)
                .or(() -> n.dataDir().flatMap(d -> d.systemIdentifier()));
    }

    static Optional<Integer> timeline(NodeFacts n) {
        return n.server().map(ServerFacts::timeline).filter(t -> t > 0)
                .or(() -> n.dataDir().flatMap(d -> d.timeline()));
    }

    private static String lsn(ServerFacts s) {
        if (!s.inRecovery()) {
            return s.currentLsn().map(Object::toString).orElse("-");
        }
        String replayed = s.replayedLsn().map(Object::toString).orElse("-");
        return s.receivedLsn().map(r -> replayed + " (recv " + r + ")").orElse(replayed);
    }

    static String upstream(UpstreamFacts u) {
        String status = u.receiverStatus().orElse("not streaming");
        return u.senderHost().map(h -> h + u.senderPort().map(p -> ":" + p).orElse("") + " (" + status + ")")
                .orElse(status);
    }

    static String slots(List<SlotFact> slots) {
        if (slots.isEmpty()) {
            return "-";
        }
        return slots.stream().map(s -> s.name() + (s.active() ? "" : " (inactive)")).collect(Collectors.joining(", "));
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
