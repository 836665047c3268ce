package io.pgconverge.facts;

import io.pgconverge.model.Sha256;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of the facts a plan depends on, per node: what is running, in recovery, on which timeline, the
 * managed files, settings, roles, slots and hba rules. WAL positions and replication progress are left out: they
 * move all the time without making a plan stale. A saved plan is refused when a node's digest changed.
 */
public final class FactsFingerprint {
    private FactsFingerprint() {
    }

    public static Map<String, String> of(ClusterFacts facts) {
        Map<String, String> digests = new LinkedHashMap<>();
        facts.nodes().forEach((host, node) -> digests.put(host, of(node)));
        return digests;
    }

    public static String of(NodeFacts node) {
        StringBuilder s = new StringBuilder();
        s.append("reachable=").append(node.reachable()).append('\n');
        s.append("running=").append(node.running()).append('\n');
        node.dataDir().ifPresent(d -> s.append("datadir=").append(d.exists()).append(',').append(d.initialised())
                .append(',').append(d.systemIdentifier().orElse(0L)).append(',').append(d.standbySignal())
                .append(',').append(d.recoveryConf()).append('\n'));
        new TreeMap<>(node.files()).forEach((path, f) -> s.append("file ").append(path).append('=').append(f.exists())
                .append(',').append(f.owner()).append(',').append(f.mode()).append(',')
                .append(f.content().map(Sha256::hex).orElse(f.sha256().orElse("-"))).append('\n'));
        node.server().ifPresent(server -> appendServer(s, server));
        return Sha256.hex(s.toString());
    }

    private static void appendServer(StringBuilder s, ServerFacts server) {
        s.append("server=").append(server.systemIdentifier()).append(',').append(server.timeline()).append(',')
                .append(server.inRecovery()).append('\n');
        server.upstream().ifPresent(u -> s.append("upstream=").append(u.primaryConninfo().orElse("")).append(',')
                .append(u.slotName().orElse("")).append('\n'));
        new TreeMap<>(server.settings()).forEach((name, v) -> s.append("setting ").append(name).append('=')
                .append(v.setting()).append(',').append(v.pendingRestart()).append('\n'));
        new TreeMap<>(server.roles()).forEach((name, r) -> s.append("role ").append(name).append('=')
                .append(r.superuser()).append(r.login()).append(r.replication()).append(r.createdb())
                .append(r.createrole()).append(',').append(r.connectionLimit()).append(',')
                .append(r.scram().map(v -> Sha256.hex(v.text())).or(r::md5Check).orElse(r.passwordKind())).append('\n'));
        server.slots().stream().map(SlotFact::name).sorted().forEach(n -> s.append("slot ").append(n).append('\n'));
        server.hbaRules().forEach(r -> s.append("hba ").append(r).append('\n'));
    }
}
