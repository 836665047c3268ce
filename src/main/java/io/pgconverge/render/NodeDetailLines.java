package io.pgconverge.render;

import io.pgconverge.facts.AppliedRecord;
import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.PgVersions;
import io.pgconverge.facts.RoleFact;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SettingFact;
import io.pgconverge.facts.UpstreamFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The detail lines under the facts table for one node: "  label: text". Never shows a secret. */
final class NodeDetailLines {
    private final List<String[]> lines = new ArrayList<>();

    private NodeDetailLines() {
    }

    static String of(NodeFacts n) {
        NodeDetailLines d = new NodeDetailLines();
        if (!n.reachable()) {
            d.add("unreachable", n.unreachableReason().orElse("unknown reason"));
            return d.render(n);
        }
        n.os().ifPresent(o -> d.add("os", o.family() + " " + o.version() + ", " + o.arch() + ", hostname " + o.hostname()));
        d.add("binaries", n.binDir().map(b -> b + n.installedVersion().map(v -> " (PostgreSQL " + v + ")").orElse(""))
                .orElse("not found"));
        n.dataDir().ifPresent(dd -> d.add("data directory", dataDir(dd)));
        d.add("server", n.running() ? "running" : "not running");
        n.serverError().ifPresent(e -> d.add("server error", e));
        n.server().ifPresent(d::server);
        ConfigChainView.of(n).ifPresent(c -> d.add("configuration", ConfigChainView.text(n, c)));
        d.add("files", n.files().values().stream().sorted((a, b) -> a.path().compareTo(b.path()))
                .map(NodeDetailLines::file).collect(Collectors.joining("\n")));
        d.add("last applied", n.lastApplied().map(NodeDetailLines::applied).orElse("never"));
        return d.render(n);
    }

    private void server(ServerFacts s) {
        add("version", s.version());
        add("role", (s.inRecovery() ? "standby (in recovery)" : "primary (not in recovery)") + ", system identifier "
                + Long.toUnsignedString(s.systemIdentifier()) + ", timeline " + s.timeline());
        add("lsn", "current " + opt(s.currentLsn()) + ", received " + opt(s.receivedLsn()) + ", replayed "
                + opt(s.replayedLsn()));
        s.upstream().ifPresent(u -> add("upstream", upstream(u)));
        List<String> pending = s.settings().values().stream().filter(SettingFact::pendingRestart)
                .map(SettingFact::name).sorted().toList();
        add("settings", s.settings().size() + (pending.isEmpty() ? "" : ", pending restart: " + String.join(", ", pending)));
        add("hba rules", s.hbaRules().size() + s.hbaRules().stream().filter(r -> r.error().isPresent()).findAny()
                .map(r -> ", errors (line " + r.lineNumber() + ": " + r.error().get() + ")").orElse(""));
        add("roles", s.roles().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .map(NodeDetailLines::role).collect(Collectors.joining("; ")));
        add("slots", s.slots().isEmpty() ? "none" : s.slots().stream().map(sl -> sl.name() + " (" + sl.type() + ", "
                + (sl.active() ? "active" : "inactive") + ", restart " + opt(sl.restartLsn()) + ")")
                .collect(Collectors.joining("; ")));
        add("replication", s.replication().isEmpty() ? "none" : s.replication().stream().map(r -> r.applicationName()
                + " " + r.clientAddr().orElse("local") + " " + r.state() + " " + r.syncState() + ", replayed "
                + opt(r.replayLsn()) + r.slotName().map(sl -> ", slot " + sl).orElse(""))
                .collect(Collectors.joining("; ")));
    }

    private static String dataDir(DataDirFacts d) {
        if (!d.exists()) {
            return d.path() + ": absent";
        }
        StringBuilder s = new StringBuilder(d.path()).append(": owner ").append(d.owner().isEmpty() ? "?" : d.owner());
        if (!d.initialised()) {
            return s.append(", not initialised").toString();
        }
        d.pgVersion().ifPresent(v -> s.append(", PostgreSQL ").append(PgVersions.label(v)));
        d.systemIdentifier().ifPresent(id -> s.append(", system identifier ").append(Long.toUnsignedString(id)));
        d.clusterState().ifPresent(st -> s.append(", ").append(st));
        d.timeline().ifPresent(t -> s.append(", checkpoint timeline ").append(t));
        d.checkpointLsn().ifPresent(l -> s.append(" at ").append(l));
        if (d.standbySignal()) {
            s.append(", standby.signal");
        }
        if (d.recoveryConf()) {
            s.append(", recovery.conf");
        }
        return s.toString();
    }

    private static String upstream(UpstreamFacts u) {
        return FactsTextRenderer.upstream(u) + u.primaryConninfo().map(c -> ", primary_conninfo '" + c + "'").orElse("")
                + u.slotName().map(sl -> ", slot " + sl).orElse("");
    }

    private static String role(RoleFact r) {
        List<String> attrs = new ArrayList<>();
        if (r.superuser()) {
            attrs.add("superuser");
        }
        attrs.add(r.login() ? "login" : "nologin");
        if (r.replication()) {
            attrs.add("replication");
        }
        if (r.createdb()) {
            attrs.add("createdb");
        }
        if (r.createrole()) {
            attrs.add("createrole");
        }
        if (r.connectionLimit() >= 0) {
            attrs.add("limit " + r.connectionLimit());
        }
        attrs.add("password " + r.passwordKind());
        return r.name() + " (" + String.join(", ", attrs) + ")";
    }

    private static String file(FileFact f) {
        return f.path() + (f.exists() ? " (" + f.owner() + " " + f.mode() + ")" : " (absent)");
    }

    private static String applied(AppliedRecord a) {
        return a.playbook() + " at " + a.appliedAt() + a.commit().map(c -> ", commit " + c).orElse("")
                + (a.engineVersion().isEmpty() ? "" : ", pgconverge " + a.engineVersion());
    }

    private static String opt(Optional<?> value) {
        return value.map(Object::toString).orElse("-");
    }

    private void add(String label, String text) {
        lines.add(new String[] {label, text});
    }

    private String render(NodeFacts n) {
        StringBuilder out = new StringBuilder(n.host());
        if (!n.address().isEmpty()) {
            out.append(" (").append(n.address()).append(')');
        }
        out.append('\n');
        for (String[] l : lines) {
            String indent = " ".repeat(19);
            out.append("  ").append(l[0]).append(':').append(" ".repeat(16 - l[0].length()))
                    .append(l[1].replace("\n", "\n" + indent)).append('\n');
        }
        return out.toString();
    }
}
