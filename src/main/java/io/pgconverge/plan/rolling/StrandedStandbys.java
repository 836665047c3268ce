package io.pgconverge.plan.rolling;

import io.pgconverge.facts.HotStandbyFacts;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.WaitForControlData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings back a standby that stopped because its hot-standby parameters are below the values its control file
 * holds (a reduction whose standby restarted before it had replayed the primary's restart): it starts with the
 * control file's values as server options, waits until it has replayed the primary's lower ones, and restarts
 * with its own configuration.
 */
final class StrandedStandbys {
    private final Map<String, String> settings;
    private final NodeWork primary;

    /** @param settings the playbook's settings: the values the primary runs with once the plan is applied */
    StrandedStandbys(Map<String, String> settings, NodeWork primary) {
        this.settings = Map.copyOf(settings);
        this.primary = primary;
    }

    /**
     * Adds the repair of every stranded standby of {@code work}, and of the paused ones stopped to resume them;
     * returns warnings for those it cannot repair.
     *
     * @param paused standbys whose replay is paused, stopped by the plan ({@link PausedStandbys}), with why
     */
    List<Notice> repair(Collection<NodeWork> work, Map<NodeWork, List<String>> paused, RollingSequence sequence) {
        List<Notice> warnings = new ArrayList<>();
        for (NodeWork w : work) {
            HotStandbyFacts facts = w.node.facts().hotStandby();
            boolean stopped = w.fate == Fate.START && !w.node.running() && facts.stranded();
            if (w == primary || !stopped && !paused.containsKey(w)
                    || !(w.activation.orElse(null) instanceof Start start)) {
                continue;
            }
            String why = paused.containsKey(w) ? "its replay is paused because " + String.join(" | ", paused.get(w))
                    : "it stopped because " + String.join(" | ", facts.insufficientSettings());
            Map<String, String> overrides = new LinkedHashMap<>();
            Map<String, Long> atMost = new LinkedHashMap<>();
            HotStandbyParameters.checked(w.node.version()).forEach((name, label) -> {
                Long control = facts.controlSettings().get(label.replace(" setting", ""));
                if (control != null) {
                    overrides.put(name, String.valueOf(control));
                    target(name).filter(t -> t < control).ifPresent(t -> atMost.put(label, t));
                }
            });
            if (atMost.isEmpty()) {
                warnings.add(Notice.about(w.name(), why + "; its control file asks for no more than " + primary.name()
                        + " runs with, so raise its own values of " + String.join(", ", overrides.keySet())));
                continue;
            }
            repair(w, start, why, overrides, atMost, sequence);
        }
        return warnings;
    }

    private void repair(NodeWork w, Start start, String why, Map<String, String> overrides, Map<String, Long> atMost,
                        RollingSequence sequence) {
        String values = String.join(", ", overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList());
        Start raised = new Start(start.id(), start.host(), w.node.service().startWith(overrides), why
                + "; it starts with the values its control file requires (" + values + ") to replay "
                + primary.name() + "'s lower ones");
        w.activation = Optional.of(raised);
        List<String> names = HotStandbyParameters.checked(w.node.version()).entrySet().stream()
                .filter(e -> atMost.containsKey(e.getValue())).map(Map.Entry::getKey).sorted().toList();
        WaitForControlData wait = new WaitForControlData(w.name() + "/replay-settings", w.name(), primary.name(),
                names, atMost, PrimaryFirst.REPLAY_TIMEOUT, "it can run with its own values once it has replayed "
                + primary.name() + "'s");
        Restart back = new Restart(w.name() + "/restart", w.name(), w.node.service().restart(), names,
                "back to its own configuration, now that it has replayed " + primary.name() + "'s lower values");
        sequence.add(w, wait);
        sequence.add(w, back);
        sequence.edge(raised, wait);
        sequence.edge(wait, back);
        primary.activation.ifPresent(p -> sequence.edge(p, wait));
    }

    /** The value the primary runs with after the plan: the playbook's when it sets one, else its running value. */
    Optional<Long> target(String name) {
        Optional<String> text = Optional.ofNullable(settings.get(name))
                .or(() -> primary.node.setting(name).map(s -> s.setting()));
        try {
            return text.map(t -> Long.parseLong(t.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
