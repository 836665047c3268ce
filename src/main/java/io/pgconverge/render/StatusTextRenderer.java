package io.pgconverge.render;

import io.pgconverge.facts.AppliedRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's status as text, like {@code patronictl list}: a title line, one table row per node, then the
 * warnings, or one line saying all is well. Pure.
 */
public final class StatusTextRenderer {
    private static final List<String> HEADER = List.of("NODE", "ADDRESS", "ROLE", "TL", "LSN", "LAG BYTES", "LAG S",
            "SLOT", "UPSTREAM", "LAST APPLIED");
    private static final int SHORT_COMMIT = 7;

    public String render(ClusterStatus status) {
        StringBuilder out = new StringBuilder();
        out.append("Cluster ").append(status.group()).append(" (playbook primary: ").append(status.primary())
                .append(")\n\n");
        TextTable table = new TextTable(HEADER);
        status.nodes().forEach(r -> table.add(row(r)));
        out.append(table.render());
        if (status.healthy()) {
            long standbys = status.nodes().stream().filter(r -> r.role() == NodeRole.STANDBY).count();
            out.append("\nNo warnings: ").append(status.primary()).append(" is the primary, ").append(standbys)
                    .append(standbys == 1 ? " standby streams" : " standbys stream").append(" from it.\n");
        } else {
            out.append("\nWarnings:\n");
            status.warnings().forEach(w -> out.append("  - ").append(w.message()).append('\n'));
        }
        return out.toString();
    }

    private static List<String> row(StatusRow r) {
        return List.of(r.name(), dash(r.address()), role(r), opt(r.timeline()), opt(r.lsn()), opt(r.lagBytes()),
                r.lagSeconds().map(StatusTextRenderer::seconds).orElse("-"),
                r.slot().map(s -> s.name() + " (" + s.state().label() + ")").orElse("-"),
                r.upstream().map(StatusTextRenderer::upstream).orElse("-"),
                r.lastApplied().map(StatusTextRenderer::applied).orElse("never"));
    }

    private static String role(StatusRow r) {
        return r.role().label() + (r.desiredPrimary() ? " *" : "") + r.applyDelay().map(d -> " (delay " + d + ")")
                .orElse("");
    }

    private static String upstream(UpstreamStatus u) {
        return u.label() + (u.streaming() ? "" : " (" + u.receiverStatus().orElse("not streaming") + ")");
    }

    static String applied(AppliedRecord a) {
        return a.appliedAt() + a.commit().map(c -> " " + (c.length() > SHORT_COMMIT ? c.substring(0, SHORT_COMMIT) : c))
                .orElse("");
    }

    /** Seconds to the millisecond, without trailing zeros: 0, 1.25, 12.5. */
    static String seconds(double s) {
        return BigDecimal.valueOf(s).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String opt(Optional<?> value) {
        return value.map(Object::toString).orElse("-");
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
