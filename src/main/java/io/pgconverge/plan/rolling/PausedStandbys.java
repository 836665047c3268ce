package io.pgconverge.plan.rolling;

import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeWork;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.Restart;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Stop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running standby whose replay is paused for insufficient parameter settings: from PostgreSQL 14 on, a hot
 * standby that replays a primary's hot-standby parameter above its own pauses replay (and keeps serving reads)
 * instead of stopping; resumed as it is, it would stop. It is found by its pause state and by its control file
 * holding a value above the one it runs with. When the playbook's values are at least the control file's, a
 * restart with them resumes it (ordered with the other restarts). When they are lower (the primary runs with more
 * than the playbook says and is to come down), it is stopped and brought back as a stranded standby is
 * ({@link StrandedStandbys}): started with its control file's values until it has replayed the primary's lower
 * ones, then restarted with its own. When the primary stays above the playbook's values, it is left paused with
 * a warning.
 */
final class PausedStandbys {
    private final Map<String, String> settings;
    private final NodeWork primary;
    private final StrandedStandbys stranded;
    private final List<Notice> warnings = new ArrayList<>();

    /** @param settings the playbook's settings */
    PausedStandbys(Map<String, String> settings, NodeWork primary) {
        this.settings = Map.copyOf(settings);
        this.primary = primary;
        this.stranded = new StrandedStandbys(settings, primary);
    }

    /** Paused standbys the plan cannot resume: the playbook keeps them below the primary's values. */
    List<Notice> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Gives every paused standby of {@code work} what resumes it: a restart, or a stop and a start that {@link
     * StrandedStandbys} completes. Returns the latter with the reason they are paused.
     */
    Map<NodeWork, List<String>> prepare(Collection<NodeWork> work) {
        Map<NodeWork, List<String>> stoppedToResume = new LinkedHashMap<>();
        for (NodeWork w : work) {
            Map<String, Long> below = below(w);
            if (w == primary || below.isEmpty()) {
                continue;
            }
            List<String> why = why(w, below);
            String paused = "its replay is paused because " + String.join(" | ", why);
            if (below.entrySet().stream().allMatch(e -> own(w, e.getKey()).filter(v -> v >= e.getValue())
                    .isPresent())) {
                restart(w, below, paused);
            } else if (below.entrySet().stream().noneMatch(e -> stranded.target(e.getKey())
                    .filter(v -> v < e.getValue()).isPresent())) {
                warnings.add(Notice.about(w.name(), paused + "; the playbook keeps its " + String.join(", ",
                        below.keySet()) + " below what " + primary.name() + " runs with: raise "
                        + (below.size() > 1 ? "them" : "it") + " in the playbook, or lower " + primary.name() + "'s"));
            } else {
                w.stop = Optional.of(new Stop(w.name() + "/stop", w.name(), w.node.service().stop(), paused
                        + "; resumed as it is, it would stop: it restarts with the values its control file requires"));
                w.activation = Optional.of(new Start(w.name() + "/start", w.name(), w.node.service().start(), paused));
                stoppedToResume.put(w, why);
            }
        }
        return stoppedToResume;
    }

    /** The checked parameters the standby runs below its control file's values, with those values. */
    private static Map<String, Long> below(NodeWork w) {
        Map<String, Long> below = new LinkedHashMap<>();
        boolean paused = w.node.concerns().replayPaused();
        if (w.fate != Fate.KEEP || !paused || !w.node.running() || !w.node.inRecovery() || w.rebuild.isPresent()) {
            return below;
        }
        Map<String, Long> control = w.node.facts().hotStandby().controlSettings();
        HotStandbyParameters.checked(w.node.version()).forEach((name, label) -> {
            Long required = control.get(label.replace(" setting", ""));
            Optional<Long> running = number(w.node.setting(name).map(s -> s.setting()));
            if (required != null && running.filter(r -> r < required).isPresent()) {
                below.put(name, required);
            }
        });
        return below;
    }

    private static List<String> why(NodeWork w, Map<String, Long> below) {
        List<String> logged = w.node.facts().hotStandby().pausedFor();
        if (!logged.isEmpty()) {
            return logged;
        }
        List<String> why = new ArrayList<>();
        below.forEach((name, required) -> why.add(name + " = " + w.node.setting(name).map(s -> s.setting())
                .orElse("?") + " is below the primary's " + required + " it has replayed"));
        return why;
    }

    private void restart(NodeWork w, Map<String, Long> below, String paused) {
        List<String> names = new ArrayList<>(w.activation.orElse(null) instanceof Restart r ? r.settings() : List.of());
        below.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        String values = String.join(", ", below.keySet().stream().map(n -> n + "=" + own(w, n).orElseThrow()).toList());
        w.activation = Optional.of(new Restart(w.name() + "/restart", w.name(), w.node.service().restart(), names,
                paused + "; a restart with the playbook's values (" + values + "), at least the primary's, "
                + "resumes it"));
    }

    /** The value the standby runs with after the plan: the playbook's when it sets one, else its running value. */
    private Optional<Long> own(NodeWork w, String name) {
        return number(Optional.ofNullable(settings.get(name)).or(() -> w.node.setting(name).map(s -> s.setting())));
    }

    static Optional<Long> number(Optional<String> text) {
        try {
            return text.map(t -> Long.parseLong(t.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
