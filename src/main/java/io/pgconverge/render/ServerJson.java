package io.pgconverge.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgconverge.facts.HbaRuleFact;
import io.pgconverge.facts.PgVersions;
import io.pgconverge.facts.ReplicationFact;
import io.pgconverge.facts.RoleFact;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SettingFact;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;

import java.util.Comparator;
import java.util.List;

import static io.pgconverge.render.FactsJsonRenderer.JSON;
import static io.pgconverge.render.NodeJson.str;

/** The "server" object of a node in the facts JSON document: SQL facts, no verifier, conninfo masked. */
final class ServerJson {
    private ServerJson() {
    }

    static ObjectNode of(ServerFacts s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", s.version());
        o.put("version_num", s.versionNum());
        o.put("major_version", PgVersions.label(s.majorVersion()));
        o.put("system_identifier", Long.toUnsignedString(s.systemIdentifier()));
        o.put("timeline", s.timeline());
        o.put("in_recovery", s.inRecovery());
        o.put("current_lsn", str(s.currentLsn()));
        o.put("received_lsn", str(s.receivedLsn()));
        o.put("replayed_lsn", str(s.replayedLsn()));
        o.put("replay_delay_seconds", s.replayDelaySeconds().orElse(null));
        o.set("upstream", s.upstream().map(ServerJson::upstream).orElse(null));
        ObjectNode settings = o.putObject("settings");
        s.settings().values().stream().sorted(Comparator.comparing(SettingFact::name))
                .forEach(st -> settings.set(st.name(), setting(st)
                        .put("sourceline", s.configSources().sourceLine(st.name()).orElse(null))));
        ArrayNode fileSettings = o.putArray("file_settings");
        s.configSources().fileSettings().forEach(f -> fileSettings.add(JSON.createObjectNode()
                .put("sourcefile", f.file()).put("sourceline", f.line()).put("name", f.name())
                .put("setting", f.setting()).put("applied", f.applied()).put("error", f.error().orElse(null))));
        ArrayNode hba = o.putArray("hba_rules");
        s.hbaRules().forEach(r -> hba.add(hbaRule(r)));
        ArrayNode roles = o.putArray("roles");
        s.roles().values().stream().sorted(Comparator.comparing(RoleFact::name)).forEach(r -> roles.add(role(r)));
        ArrayNode slots = o.putArray("slots");
        s.slots().forEach(sl -> slots.add(slot(sl)));
        ArrayNode replication = o.putArray("replication");
        s.replication().forEach(r -> replication.add(replication(r)));
        return o;
    }

    private static ObjectNode upstream(UpstreamFacts u) {
        return JSON.createObjectNode().put("primary_conninfo", u.primaryConninfo().orElse(null))
                .put("slot_name", u.slotName().orElse(null)).put("sender_host", u.senderHost().orElse(null))
                .put("sender_port", u.senderPort().orElse(null)).put("receiver_status", u.receiverStatus().orElse(null));
    }

    private static ObjectNode setting(SettingFact s) {
        return JSON.createObjectNode().put("setting", s.setting()).put("unit", s.unit().orElse(null))
                .put("context", s.context()).put("vartype", s.vartype()).put("source", s.source())
                .put("sourcefile", s.sourceFile().orElse(null)).put("pending_restart", s.pendingRestart());
    }

    private static ObjectNode hbaRule(HbaRuleFact r) {
        ObjectNode o = JSON.createObjectNode().put("line_number", r.lineNumber()).put("type", r.type());
        strings(o.putArray("database"), r.databases());
        strings(o.putArray("user_name"), r.users());
        return o.put("address", r.address().orElse(null)).put("netmask", r.netmask().orElse(null))
                .put("auth_method", r.method()).put("error", r.error().orElse(null))
                .set("options", strings(JSON.createArrayNode(), r.options()));
    }

    private static ObjectNode role(RoleFact r) {
        return JSON.createObjectNode().put("name", r.name()).put("superuser", r.superuser()).put("login", r.login())
                .put("replication", r.replication()).put("createdb", r.createdb()).put("createrole", r.createrole())
                .put("connection_limit", r.connectionLimit()).put("password_kind", r.passwordKind());
    }

    private static ObjectNode slot(SlotFact s) {
        return JSON.createObjectNode().put("name", s.name()).put("type", s.type()).put("active", s.active())
                .put("restart_lsn", str(s.restartLsn())).put("wal_status", s.walStatus().orElse(null));
    }

    private static ObjectNode replication(ReplicationFact r) {
        return JSON.createObjectNode().put("application_name", r.applicationName())
                .put("client_addr", r.clientAddr().orElse(null)).put("state", r.state())
                .put("sent_lsn", str(r.sentLsn())).put("flush_lsn", str(r.flushLsn()))
                .put("replay_lsn", str(r.replayLsn())).put("sync_state", r.syncState())
                .put("slot_name", r.slotName().orElse(null))
                .put("replay_lag_seconds", r.replayLagSeconds().orElse(null));
    }

    private static ArrayNode strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
        return array;
    }
}
