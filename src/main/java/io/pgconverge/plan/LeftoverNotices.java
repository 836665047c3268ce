package io.pgconverge.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A long command (pg_basebackup, pg_rewind) an earlier apply started and that still runs: its watchdog ends it once
 * the session that started it is gone, and the next long command on the node ends it first; the plan says so, with
 * what its pid file names.
 */
final class LeftoverNotices {
    private LeftoverNotices() {
    }

    static List<Notice> of(List<NodeContext> nodes) {
        return nodes.stream().filter(n -> n.facts().leftovers().liveJob().isPresent())
                .map(n -> Notice.about(n.name(), describe(n.facts().leftovers().liveJob().orElseThrow())
                        + " started by an earlier apply is still running; an apply ends it before it runs a long"
                        + " command on this node, and it ends by itself once the session that started it is gone"))
                .toList();
    }

    private static String describe(String jobFile) {
        Map<String, String> v = jobFile.lines().filter(l -> l.indexOf('=') > 0)
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> a));
        return v.getOrDefault("what", "a command") + " (pid " + v.getOrDefault("pid", "unknown") + ")";
    }
}
