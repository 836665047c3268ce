package io.pgconverge.plan.rolling;

import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.Fence;
import io.pgconverge.plan.task.Restart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides how a change of hot-standby parameters rolls through the cluster: which of the primary and its
 * standbys restarts first, and what each standby waits for. It reads the directions the configuration planner
 * found on the primary (+1 raised, -1 lowered) and the playbook's new values; a raise and a reduction in one
 * change are refused, since no order keeps every standby at or above the primary's values. A standby that
 * stopped because its values were below its control file's is brought back ({@link StrandedStandbys}), one whose
 * replay paused for that reason resumed ({@link PausedStandbys}). A primary
 * restarted by handover ({@link HandoverRestart}) has the clean shutdown that begins it as its activation.
 */
public final class RollingOrder {
    private final RollingSequence sequence = new RollingSequence();
    private final List<Notice> refusals = new ArrayList<>();
    private final List<Notice> warnings = new ArrayList<>();

    private RollingOrder() {
    }

    /** No rolling restart: nothing to order. */
    public static RollingOrder none() {
        return new RollingOrder();
    }

    /**
     * Orders the restarts of {@code work} (every node's tasks, the primary's among them) and adds the waits.
     *
     * @param settings the playbook's settings, for the new values of lowered parameters
     */
    public static RollingOrder plan(Map<String, String> settings, NodeWork primary, Collection<NodeWork> work) {
        RollingOrder rolling = new RollingOrder();
        PausedStandbys pausedStandbys = new PausedStandbys(settings, primary);
        Map<NodeWork, List<String>> paused = pausedStandbys.prepare(work);
        rolling.warnings.addAll(pausedStandbys.warnings());
        rolling.order(settings, primary, work);
        rolling.warnings.addAll(new StrandedStandbys(settings, primary).repair(work, paused, rolling.sequence));
        return rolling;
    }

    private void order(Map<String, String> settings, NodeWork primary, Collection<NodeWork> work) {
        Map<String, Integer> directions = primary.config.hotStandby();
        boolean raised = directions.containsValue(1);
        boolean lowered = directions.containsValue(-1);
        String names = String.join(", ", directions.keySet().stream().sorted().toList());
        if (raised && lowered) {
            refusals.add(Notice.cluster("the plan raises some of " + names + " and lowers others; no restart "
                    + "order keeps every standby at or above the primary's values: apply the raise and the reduction "
                    + "separately"));
            return;
        }
        boolean restarts = primary.activation.filter(a -> a instanceof Restart || a instanceof Fence).isPresent();
        if (!restarts || !raised && !lowered) {
            return;
        }
        List<NodeWork> standbys = work.stream().filter(w -> w != primary && w.rebuild.isEmpty()
                && w.activation.orElse(null) instanceof Restart).toList();
        RestartOrder order = raised ? new StandbysFirst() : new PrimaryFirst(newValues(settings, directions));
        order.order(primary, standbys, names, sequence);
    }

    public List<Notice> refusals() {
        return List.copyOf(refusals);
    }

    /** Stranded standbys the plan cannot bring back by itself. */
    public List<Notice> warnings() {
        return List.copyOf(warnings);
    }

    public List<RollingSequence.Edge> edges() {
        return sequence.edges();
    }

    private static Map<String, Long> newValues(Map<String, String> settings, Map<String, Integer> directions) {
        Map<String, Long> values = new LinkedHashMap<>();
        directions.keySet().stream().sorted().forEach(name -> number(settings.get(name))
                .ifPresent(v -> values.put(name, v)));
        return values;
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
