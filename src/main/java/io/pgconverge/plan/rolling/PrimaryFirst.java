package io.pgconverge.plan.rolling;

import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.task.WaitForControlData;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowered hot-standby parameters: the primary restarts first and records the lower values in WAL; each standby
 * restarts only once its control data shows that it has replayed them, since a standby that starts with values
 * below those in its control file refuses to start.
 */
final class PrimaryFirst implements RestartOrder {
    /** How long a standby may take to reconnect to the restarted primary and replay its parameter record. */
    static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, Long> lowered;

    /** @param lowered the lowered parameters by name, with their new values */
    PrimaryFirst(Map<String, Long> lowered) {
        this.lowered = Map.copyOf(lowered);
    }

    @Override
    public void order(NodeWork primary, List<NodeWork> standbys, String changed, RollingSequence sequence) {
        String why = changed + (changed.contains(",") ? " are" : " is") + " lowered";
        if (!standbys.isEmpty()) {
            sequence.explain(primary, "primary first: " + why);
        }
        for (NodeWork s : standbys) {
            Optional<WaitForControlData> wait = waitFor(primary.name(), s);
            if (wait.isPresent()) {
                sequence.add(s, wait.get());
                sequence.edge(primary.activation.orElseThrow(), wait.get());
                sequence.edge(wait.get(), s.activation.orElseThrow());
                sequence.explain(s, "after it has replayed " + primary.name() + "'s restart: " + why);
            } else {
                sequence.edge(primary.activation.orElseThrow(), s.activation.orElseThrow());
                sequence.explain(s, "after " + primary.name() + ": " + why);
            }
        }
    }

    private Optional<WaitForControlData> waitFor(String primary, NodeWork standby) {
        Map<String, Long> atMost = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        lowered.keySet().stream().sorted().forEach(name -> HotStandbyParameters.controlLabel(name,
                standby.node.version()).ifPresent(label -> {
                    atMost.put(label, lowered.get(name));
                    names.add(name);
                }));
        if (atMost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WaitForControlData(standby.name() + "/replay-settings", standby.name(), primary,
                names, atMost, REPLAY_TIMEOUT, "a standby restarted with " + String.join(", ", lowered.keySet().stream()
                .sorted().toList()) + " below the values in its control file refuses to start"));
    }
}
