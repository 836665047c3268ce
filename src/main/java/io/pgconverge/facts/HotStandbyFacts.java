package io.pgconverge.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node's control file and server log say about the hot-standby parameters it replays from its primary.
 *
 * @param controlSettings      pg_controldata's numeric "NAME setting" values by NAME ({@code max_connections},
 *                             {@code max_worker_processes}, {@code max_wal_senders}, {@code max_prepared_xacts},
 *                             {@code max_locks_per_xact}): on a standby, the primary's values it last replayed
 * @param insufficientSettings the last FATAL line of the server log and its DETAIL, when they say that recovery
 *                             stopped because of insufficient parameter settings; empty otherwise
 * @param pausedFor            the last WARNING of the server log that hot standby is not possible because of
 *                             insufficient parameter settings, with its DETAIL: from PostgreSQL 14 on, a hot
 *                             standby pauses replay there instead of stopping; empty when the log has none
 */
public record HotStandbyFacts(Map<String, Long> controlSettings, List<String> insufficientSettings,
                              List<String> pausedFor) {
    static final String PAUSE_WARNING = "hot standby is not possible because of insufficient parameter settings";

    public HotStandbyFacts {
        controlSettings = Map.copyOf(controlSettings);
        insufficientSettings = List.copyOf(insufficientSettings);
        pausedFor = List.copyOf(pausedFor);
    }

    /** Without a pause warning in the log. */
    public HotStandbyFacts(Map<String, Long> controlSettings, List<String> insufficientSettings) {
        this(controlSettings, insufficientSettings, List.of());
    }

    public static HotStandbyFacts none() {
        return new HotStandbyFacts(Map.of(), List.of());
    }

    /** From pg_controldata's output and the tail of the server log (either may be empty). */
    public static HotStandbyFacts of(ControlData control, String logTail) {
        Map<String, Long> settings = new LinkedHashMap<>();
        control.values().forEach((label, value) -> {
            if (label.endsWith(" setting")) {
                try {
                    settings.put(label.substring(0, label.length() - " setting".length()), Long.parseLong(value));
                } catch (NumberFormatException e) {
                    // on/off and wal_level: not a hot-standby limit
                }
            }
        });
        List<String> why = ServerLogReasons.of(logTail);
        boolean insufficient = why.stream().anyMatch(l -> l.contains("insufficient parameter settings")
                || l.contains("is a lower setting than on the"));
        return new HotStandbyFacts(settings, insufficient ? why : List.of(),
                ServerLogReasons.lastWarning(logTail, PAUSE_WARNING));
    }

    /** The server stopped because its hot-standby parameters are below those it must replay. */
    public boolean stranded() {
        return !insufficientSettings.isEmpty();
    }
}
