package io.pgconverge.plan.topology;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.SynchronousSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters a declared topology gives a node: {@code synchronous_standby_names} (the standbys'
 * application_name, which is their inventory name) and {@code synchronous_commit} on every node, so that whichever
 * becomes primary has them, each node's list leaving itself out; and a delayed standby's
 * {@code recovery_min_apply_delay}.
 */
public final class TopologySettings {
    private TopologySettings() {
    }

    /** synchronous_standby_names and synchronous_commit for {@code host}; empty without synchronous standbys. */
    public static Map<String, String> synchronous(DesiredState desired, String host) {
        Map<String, String> settings = new LinkedHashMap<>();
        desired.topology().synchronous().flatMap(s -> names(s, host)).ifPresent(names -> {
            settings.put("synchronous_standby_names", names);
            settings.put("synchronous_commit", "on");
        });
        return settings;
    }

    /** {@code FIRST 1 ("node2", "node3")}: the list without {@code host}, the count no larger than what is left. */
    static Optional<String> names(SynchronousSpec sync, String host) {
        List<String> others = sync.standbys().stream().filter(s -> !s.equals(host)).toList();
        if (others.isEmpty()) {
            return Optional.empty();
        }
        int count = Math.max(1, Math.min(sync.count(), others.size()));
        return Optional.of(sync.mode().name() + " " + count + " (" + String.join(", ", others.stream()
                .map(s -> "\"" + s.replace("\"", "\"\"") + "\"").toList()) + ")");
    }

    /** recovery_min_apply_delay of a delayed standby. */
    public static Optional<String> applyDelay(DesiredState desired, String host) {
        return desired.topology().standby(host).applyDelay();
    }
}
