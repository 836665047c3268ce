package io.pgconverge.exec;

import io.pgconverge.facts.ControlData;
import io.pgconverge.model.EngineException;
import io.pgconverge.plan.task.WaitForControlData;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runners of the rolling-restart tasks: the wait for a standby's control data. */
final class RollingRunners {
    private static final Duration POLL = Duration.ofMillis(500);

    private RollingRunners() {
    }

    static final class WaitForControlDataRunner implements TaskRunner<WaitForControlData> {
        @Override
        public String run(WaitForControlData task, RunContext context) {
            ServerControl server = new ServerControl(context);
            long start = System.nanoTime();
            long deadline = start + task.timeout().toNanos();
            while (true) {
                List<String> missing = above(task.atMost(), server.controlData());
                if (missing.isEmpty()) {
                    return String.format(java.util.Locale.ROOT, "replayed after %.1f s",
                            (System.nanoTime() - start) / 1e9);
                }
                if (System.nanoTime() > deadline) {
                    throw new EngineException(task.host() + " has not replayed the change of "
                            + String.join(", ", task.parameters()) + " on " + task.source() + " within "
                            + task.timeout().toSeconds() + " s: pg_controldata still shows "
                            + String.join(", ", missing) + "; is it streaming?");
                }
                ReplicationRunners.sleep(POLL);
            }
        }
    }

    /** The labels whose value is still above the limit (or missing), as {@code label: value}. */
    static List<String> above(Map<String, Long> atMost, ControlData control) {
        List<String> out = new ArrayList<>();
        atMost.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String shown = control.value(e.getKey()).orElse("(missing)");
            boolean ok;
            try {
                ok = Long.parseLong(shown) <= e.getValue();
            } catch (NumberFormatException ex) {
                ok = false;
            }
            if (!ok) {
                out.add(e.getKey() + " " + shown);
            }
        });
        return out;
    }
}
