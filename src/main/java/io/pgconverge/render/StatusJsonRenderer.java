package io.pgconverge.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgconverge.facts.AppliedRecord;

import static io.pgconverge.render.FactsJsonRenderer.JSON;
import static io.pgconverge.render.NodeJson.str;

/**
 * A cluster's status as the JSON document of docs/status.md (format_version 1): fixed key order, nodes in
 * inventory order, optional values null. No secret is part of a status. Pure.
 */
public final class StatusJsonRenderer {
    public static final int FORMAT_VERSION = 1;

    public String render(ClusterStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("group", status.group());
        root.put("primary", status.primary());
        ArrayNode nodes = root.putArray("nodes");
        status.nodes().forEach(r -> nodes.add(row(r)));
        ArrayNode warnings = root.putArray("warnings");
        for (StatusWarning w : status.warnings()) {
            ObjectNode o = warnings.addObject().put("kind", w.kind().label());
            w.nodes().forEach(o.putArray("nodes")::add);
            o.put("message", w.message());
        }
        return FactsJsonRenderer.write(root);
    }

    private static ObjectNode row(StatusRow r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", r.name());
        o.put("address", r.address().isEmpty() ? null : r.address());
        o.put("role", r.role().label());
        o.put("desired_role", r.desiredPrimary() ? "primary" : "standby");
        o.put("reason", r.reason().orElse(null));
        o.put("system_identifier", r.systemIdentifier().map(Long::toUnsignedString).orElse(null));
        o.put("timeline", r.timeline().orElse(null));
        o.put("lsn", str(r.lsn()));
        o.put("received_lsn", str(r.receivedLsn()));
        o.put("lag_bytes", r.lagBytes().orElse(null));
        o.put("lag_seconds", r.lagSeconds().map(s -> Math.round(s * 1000) / 1000.0).orElse(null));
        o.set("slot", r.slot().map(StatusJsonRenderer::slot).orElse(null));
        o.set("upstream", r.upstream().map(StatusJsonRenderer::upstream).orElse(null));
        o.put("apply_delay", r.applyDelay().orElse(null));
        o.set("last_applied", r.lastApplied().map(StatusJsonRenderer::applied).orElse(null));
        return o;
    }

    private static ObjectNode slot(SlotStatus s) {
        return JSON.createObjectNode().put("name", s.name()).put("state", s.state().label())
                .put("retained_bytes", s.retainedBytes().orElse(null));
    }

    private static ObjectNode upstream(UpstreamStatus u) {
        return JSON.createObjectNode().put("node", u.node().orElse(null)).put("host", u.host())
                .put("port", u.port().orElse(null)).put("receiver_status", u.receiverStatus().orElse(null));
    }

    private static ObjectNode applied(AppliedRecord a) {
        return JSON.createObjectNode().put("applied_at", a.appliedAt()).put("commit", a.commit().orElse(null))
                .put("playbook", a.playbook());
    }
}
