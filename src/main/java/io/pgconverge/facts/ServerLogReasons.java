package io.pgconverge.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Why a server did not start, from the tail of its log: the last FATAL or PANIC message with the DETAIL and HINT
 * lines that follow it ({@code FATAL:  recovery aborted because of insufficient parameter settings},
 * {@code DETAIL:  max_connections = 50 is a lower setting than on the primary server, ...}).
 */
public final class ServerLogReasons {
    private static final Pattern SEVERE = Pattern.compile("\\b(FATAL|PANIC):\\s");
    private static final Pattern WARNING = Pattern.compile("\\bWARNING:\\s");
    private static final Pattern FOLLOWING = Pattern.compile("\\b(DETAIL|HINT|CONTEXT):\\s");

    private ServerLogReasons() {
    }

    /** The last severe message and its detail lines, each stripped of the log line prefix; empty when none. */
    public static List<String> of(String tail) {
        List<String> lines = tail.lines().toList();
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (SEVERE.matcher(lines.get(i)).find()) {
                last = i;
            }
        }
        if (last < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(fromSeverity(lines.get(last), SEVERE));
        for (int i = last + 1; i < lines.size() && FOLLOWING.matcher(lines.get(i)).find(); i++) {
            out.add(fromSeverity(lines.get(i), FOLLOWING));
        }
        return out;
    }

    /**
     * The last WARNING that contains {@code text}, with its detail lines ({@code WARNING:  hot standby is not
     * possible because of insufficient parameter settings}, {@code DETAIL:  max_connections = 100 is a lower
     * setting than on the primary server, where its value was 150.}); empty when none.
     */
    public static List<String> lastWarning(String tail, String text) {
        List<String> lines = tail.lines().toList();
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (WARNING.matcher(lines.get(i)).find() && lines.get(i).contains(text)) {
                last = i;
            }
        }
        List<String> out = new ArrayList<>();
        if (last >= 0) {
            out.add(fromSeverity(lines.get(last), WARNING));
            for (int i = last + 1; i < lines.size() && FOLLOWING.matcher(lines.get(i)).find(); i++) {
                out.add(fromSeverity(lines.get(i), FOLLOWING));
            }
        }
        return out;
    }

    private static String fromSeverity(String line, Pattern severity) {
        var m = severity.matcher(line);
        m.find();
        return line.substring(m.start()).replaceAll("\\s+", " ").strip();
    }
}
