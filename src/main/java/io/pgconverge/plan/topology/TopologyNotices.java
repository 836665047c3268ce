package io.pgconverge.plan.topology;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the declared topology means for a plan beyond its tasks: a plan that leaves commits waiting needs the
 * operator's {@code --yes}; what the engine does not carry out yet is said in every plan rather than ignored.
 */
public final class TopologyNotices {
    private TopologyNotices() {
    }

    /**
     * Every synchronous standby down, unreachable or rebuilt: commits on the primary wait until one streams again.
     *
     * @param unavailable standbys that are down, unreachable or rebuilt by the plan
     */
    public static List<Notice> needingYes(DesiredState desired, Set<String> unavailable) {
        List<Notice> notices = new ArrayList<>();
        desired.topology().synchronous().ifPresent(sync -> {
            List<String> listed = sync.standbys().stream().filter(s -> !s.equals(desired.primary())).toList();
            if (!listed.isEmpty() && unavailable.containsAll(listed)) {
                notices.add(Notice.about(desired.primary(), "every synchronous standby (" + String.join(", ", listed)
                        + ") is down or being rebuilt: commits on " + desired.primary() + " wait until one of them"
                        + " streams again; apply this plan with --yes to accept that"));
            }
        });
        return notices;
    }

    /** @param primaryRestarts the plan restarts the primary */
    public static List<Notice> of(DesiredState desired, boolean primaryRestarts) {
        List<Notice> notices = new ArrayList<>();
        if (primaryRestarts && desired.topology().restartMethod() == RestartMethod.SWITCHOVER) {
            notices.add(Notice.about(desired.primary(), "restart_method: switchover is not carried out yet; the "
                    + "primary restarts in place and takes no writes meanwhile"));
        }
        return notices;
    }
}
