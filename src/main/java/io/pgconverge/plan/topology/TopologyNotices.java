package io.pgconverge.plan.topology;

import io.pgconverge.model.DesiredState;
import io.pgconverge.plan.NodeContext;
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

    /**
     * A delayed standby named as the primary of a switchover: it is promoted only once it has applied the old
     * primary's last WAL, which waits out its delay.
     */
    public static List<Notice> delayedSwitchover(NodeContext primary, Topology topology) {
        if (primary.applyDelay().isEmpty() || topology.takeover().filter(Takeover::switchover).isEmpty()) {
            return List.of();
        }
        return List.of(Notice.about(primary.name(), "it is a delayed standby (recovery_min_apply_delay "
                + primary.applyDelay().get() + "): it is promoted only once it has applied everything the old primary "
                + "wrote, which waits out that delay (up to " + TakeoverTasks.REPLAY_TIMEOUT.toSeconds() + " s, else "
                + "nothing more is done and the old primary stays the primary); as the primary its apply_delay has no "
                + "effect, and applies again when it is a standby"));
    }
}
