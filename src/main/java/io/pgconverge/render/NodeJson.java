package io.pgconverge.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgconverge.facts.AppliedRecord;
import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.OsFacts;
import io.pgconverge.facts.PgVersions;

import java.util.Comparator;
import java.util.Optional;

import static io.pgconverge.render.FactsJsonRenderer.JSON;

/** One node of the facts JSON document. */
final class NodeJson {
    private NodeJson() {
    }

    static ObjectNode of(NodeFacts n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", n.host());
        o.put("address", n.address().isEmpty() ? null : n.address());
        o.put("reachable", n.reachable());
        o.put("unreachable_reason", n.unreachableReason().orElse(null));
        o.put("role", NodeRole.of(n).label());
        o.set("os", n.os().map(NodeJson::os).orElse(null));
        o.put("bin_dir", n.binDir().orElse(null));
        o.put("installed_version", n.installedVersion().orElse(null));
        o.set("data_dir", n.dataDir().map(NodeJson::dataDir).orElse(null));
        o.put("running", n.running());
        o.set("server", n.server().map(ServerJson::of).orElse(null));
        o.put("server_error", n.serverError().orElse(null));
        o.set("configuration", ConfigChainView.of(n).map(c -> ConfigChainView.json(n, c)).orElse(null));
        var files = o.putArray("files");
        n.files().values().stream().sorted(Comparator.comparing(FileFact::path)).forEach(f -> files.add(file(f)));
        o.set("last_applied", n.lastApplied().map(NodeJson::applied).orElse(null));
        return o;
    }

    private static ObjectNode os(OsFacts os) {
        return JSON.createObjectNode().put("family", os.family()).put("version", os.version()).put("arch", os.arch())
                .put("hostname", os.hostname());
    }

    private static ObjectNode dataDir(DataDirFacts d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("path", d.path());
        o.put("exists", d.exists());
        o.put("initialised", d.initialised());
        o.put("owner", d.owner().isEmpty() ? null : d.owner());
        o.put("pg_version", d.pgVersion().map(PgVersions::label).orElse(null));
        o.put("system_identifier", d.systemIdentifier().map(Long::toUnsignedString).orElse(null));
        o.put("cluster_state", d.clusterState().orElse(null));
        o.put("checkpoint_timeline", d.timeline().orElse(null));
        o.put("checkpoint_lsn", str(d.checkpointLsn()));
        o.put("standby_signal", d.standbySignal());
        o.put("recovery_conf", d.recoveryConf());
        return o;
    }

    /** The passfile's content is never read; should a FileFact ever carry it, it is still left out here. */
    private static ObjectNode file(FileFact f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("path", f.path());
        o.put("exists", f.exists());
        o.put("owner", f.exists() ? f.owner() : null);
        o.put("mode", f.exists() ? f.mode() : null);
        boolean passfile = f.path().endsWith(".pgpass") || f.path().endsWith("/.pgpass");
        o.put("content", passfile ? null : f.content().orElse(null));
        return o;
    }

    private static ObjectNode applied(AppliedRecord a) {
        return JSON.createObjectNode().put("playbook", a.playbook()).put("commit", a.commit().orElse(null))
                .put("applied_at", a.appliedAt()).put("engine_version", a.engineVersion());
    }

    static String str(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }
}
