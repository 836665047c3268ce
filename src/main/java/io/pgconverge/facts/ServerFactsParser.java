package io.pgconverge.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON document of {@link SqlFactsQuery} into {@link ServerFacts}, filling what the server's version
 * does not offer from the node's OS-level facts. Pure; connection strings are masked here, before any record
 * holds them.
 */
public final class ServerFactsParser {

    private ServerFactsParser() {
    }

    public static ServerFacts parse(String json, OsReport os) {
        JsonNode doc = read(json);
        boolean inRecovery = doc.path("in_recovery").asBoolean();
        int versionNum = doc.path("server_version_num").asInt();
        long systemId = text(doc, "system_identifier").map(Long::parseUnsignedLong)
                .or(() -> os.dataDir().systemIdentifier()).orElse(0L);
        Map<String, SettingFact> settings = settings(doc.path("settings"));
        List<HbaRuleFact> hba = versionNum >= 100000 ? JsonRows.hbaRules(doc.path("hba_rules"))
                : HbaFileParser.parse(os.file(os.hbaFile()).content().orElse(""));
        return new ServerFacts(text(doc, "version").orElse(""), versionNum, systemId, timeline(doc, inRecovery, os),
                inRecovery, lsn(doc, "current_lsn"), lsn(doc, "received_lsn"), lsn(doc, "replayed_lsn"),
                inRecovery ? Optional.of(upstream(doc, os)) : Optional.empty(), settings, hba,
                JsonRows.roles(doc.path("roles")), JsonRows.slots(doc.path("slots")),
                JsonRows.replication(doc.path("replication")),
                inRecovery ? JsonRows.seconds(doc, "replay_delay") : Optional.empty(),
                JsonRows.configSources(doc.path("settings"), doc.path("file_settings")), ServerConcerns.of(doc));
    }

    private static JsonNode read(String json) {
        try {
            JsonNode doc = JsonTree.read(json.strip());
            if (doc == null || !doc.isObject()) {
                throw new EngineException("the facts query returned no JSON object");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new EngineException("the facts query returned unreadable JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EngineException("the facts query returned unreadable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A primary's timeline is that of its current WAL file (pg_control_checkpoint lags after a promotion until the
     * next checkpoint); a standby's is the newest of the received timeline, the minimum recovery point's, the
     * latest checkpoint's (from SQL on 9.6+, from pg_controldata on 9.5) and that of the newest WAL segment it holds:
     * a standby that followed a promotion holds WAL of the new timeline before its control file says so (at its next
     * restartpoint), and once its primary is gone no WAL receiver reports it either.
     */
    static int timeline(JsonNode doc, boolean inRecovery, OsReport os) {
        Optional<String> walfile = text(doc, "current_walfile");
        if (!inRecovery && walfile.isPresent() && walfile.get().length() >= 8) {
            return Integer.parseInt(walfile.get().substring(0, 8), 16);
        }
        int best = 0;
        for (JsonNode n : List.of(doc.path("wal_receiver").path("received_tli"), doc.path("min_recovery_timeline"),
                doc.path("checkpoint_timeline"))) {
            if (n.canConvertToInt()) {
                best = Math.max(best, n.asInt());
            }
        }
        best = Math.max(best, os.walTimeline().orElse(0));
        return best > 0 ? best : os.dataDir().timeline().orElse(0);
    }

    private static UpstreamFacts upstream(JsonNode doc, OsReport os) {
        String recoveryConf = os.files().entrySet().stream().filter(e -> e.getKey().endsWith("/recovery.conf"))
                .findFirst().flatMap(e -> e.getValue().content()).orElse("");
        Optional<String> conninfo = text(doc, "primary_conninfo")
                .or(() -> PostgresConf.lastValue(recoveryConf, "primary_conninfo"))
                .filter(s -> !s.isEmpty()).map(ConninfoMasker::mask);
        Optional<String> slot = text(doc, "primary_slot_name")
                .or(() -> PostgresConf.lastValue(recoveryConf, "primary_slot_name")).filter(s -> !s.isEmpty());
        JsonNode receiver = doc.path("wal_receiver");
        Optional<String> receiverConninfo = text(receiver, "conninfo");
        Optional<String> host = text(receiver, "sender_host")
                .or(() -> receiverConninfo.flatMap(c -> ConninfoKeys.value(c, "host")));
        Optional<Integer> port = receiver.path("sender_port").canConvertToInt()
                ? Optional.of(receiver.path("sender_port").asInt())
                : receiverConninfo.flatMap(c -> ConninfoKeys.value(c, "port")).flatMap(ServerFactsParser::integer);
        return new UpstreamFacts(conninfo, slot, host, port, text(receiver, "status"));
    }

    private static Map<String, SettingFact> settings(JsonNode rows) {
        Map<String, SettingFact> settings = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            String name = r.path("name").asText();
            String value = r.path("setting").asText("");
            if (name.equals("primary_conninfo")) {
                value = ConninfoMasker.mask(value);
            }
            settings.put(name, new SettingFact(name, value, text(r, "unit"), r.path("context").asText(""),
                    r.path("vartype").asText(""), r.path("source").asText(""), text(r, "sourcefile"),
                    r.path("pending_restart").asBoolean(false)));
        }
        return settings;
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static Optional<Lsn> lsn(JsonNode node, String field) {
        return text(node, field).filter(s -> s.contains("/")).map(Lsn::parse);
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Keeps the list type explicit for readers of {@link JsonRows}. */
    static <T> List<T> listOf(JsonNode rows, java.util.function.Function<JsonNode, T> row) {
        List<T> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(row.apply(r));
        }
        return out;
    }
}
