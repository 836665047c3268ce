package io.pgconverge.facts;

import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ShellWords;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the {@link OsFactsScript} that reads a node's {@link EngineLeftovers}: one {@code leftover_KEY=base64}
 * line each for the lock holder and the intent marker, and the job pid file when its process (same pid, same start
 * time) still runs.
 */
final class LeftoversScript {
    private LeftoversScript() {
    }

    static String of(PgLayout layout) {
        NodePaths paths = NodePaths.of(layout);
        return "LOCK=" + ShellWords.quote(paths.applyLock()) + "\nINTENT=" + ShellWords.quote(paths.intent())
                + "\nJOB=" + ShellWords.quote(paths.jobPidFile()) + "\n" + """
                [ -d "$LOCK" ] && printf 'leftover_lock=%s\\n' "$( (cat "$LOCK/holder" 2>/dev/null || echo unreadable) | base64 -w0)"
                [ -f "$INTENT" ] && printf 'leftover_intent=%s\\n' "$(base64 -w0 < "$INTENT")"
                if [ -r "$JOB" ]; then
                  pid=$(sed -n 's/^pid=//p' "$JOB"); start=$(sed -n 's/^start=//p' "$JOB")
                  if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && \\
                     [ "$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f20)" = "$start" ]; then
                    printf 'leftover_job=%s\\n' "$(base64 -w0 < "$JOB")"
                  fi
                fi
                """;
    }

    static EngineLeftovers parse(String output) {
        Map<String, String> v = new HashMap<>();
        output.lines().filter(l -> l.startsWith("leftover_")).forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                v.put(l.substring(0, eq), l.substring(eq + 1).strip());
            }
        });
        return new EngineLeftovers(decoded(v.get("leftover_lock")), decoded(v.get("leftover_intent")),
                decoded(v.get("leftover_job")));
    }

    private static Optional<String> decoded(String b64) {
        if (b64 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.of("");
        }
    }
}
