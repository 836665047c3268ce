package io.pgconverge.facts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pgconverge.facts.ServerFactsParser.listOf;
import static io.pgconverge.facts.ServerFactsParser.lsn;
import static io.pgconverge.facts.ServerFactsParser.text;

/** The row arrays of the facts document (hba rules, roles, slots, replication) as fact records. */
final class JsonRows {
    private JsonRows() {
    }

    static List<HbaRuleFact> hbaRules(JsonNode rows) {
        return listOf(rows, r -> new HbaRuleFact(r.path("line_number").asInt(), r.path("type").asText(""),
                strings(r.path("database")), strings(r.path("user_name")), text(r, "address"), text(r, "netmask"),
                r.path("auth_method").asText(""), text(r, "error"), strings(r.path("options"))));
    }

    static ConfigSources configSources(JsonNode settings, JsonNode fileSettings) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (JsonNode r : settings) {
            if (r.path("sourceline").canConvertToInt()) {
                lines.put(r.path("name").asText(), r.path("sourceline").asInt());
            }
        }
        return new ConfigSources(lines, listOf(fileSettings, r -> new ConfigSources.FileSetting(
                r.path("sourcefile").asText(""), r.path("sourceline").asInt(), r.path("seqno").asInt(),
                r.path("name").asText(""), r.path("setting").asText(""), r.path("applied").asBoolean(),
                text(r, "error"))));
    }

    static Map<String, RoleFact> roles(JsonNode rows) {
        Map<String, RoleFact> roles = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            String kind = r.path("password_kind").asText("none");
            Optional<ScramVerifier> scram = text(r, "scram").map(ScramVerifier::new);
            roles.put(r.path("name").asText(), new RoleFact(r.path("name").asText(), r.path("superuser").asBoolean(),
                    r.path("login").asBoolean(), r.path("replication").asBoolean(), r.path("createdb").asBoolean(),
                    r.path("createrole").asBoolean(), r.path("connection_limit").asInt(-1), kind, scram,
                    text(r, "md5_check")));
        }
        return roles;
    }

    static List<SlotFact> slots(JsonNode rows) {
        return listOf(rows, r -> new SlotFact(r.path("name").asText(), r.path("type").asText(""),
                r.path("active").asBoolean(), lsn(r, "restart_lsn"), text(r, "wal_status")));
    }

    static List<ReplicationFact> replication(JsonNode rows) {
        return listOf(rows, r -> new ReplicationFact(r.path("application_name").asText(""), text(r, "client_addr"),
                r.path("state").asText(""), lsn(r, "sent_lsn"), lsn(r, "flush_lsn"), lsn(r, "replay_lsn"),
                r.path("sync_state").asText(""), text(r, "slot_name"), seconds(r, "replay_lag")));
    }

    /** A number of seconds, empty when null or absent. */
    static Optional<Double> seconds(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? Optional.of(v.asDouble()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}
