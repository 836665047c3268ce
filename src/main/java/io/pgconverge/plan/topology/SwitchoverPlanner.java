package io.pgconverge.plan.topology;

import io.pgconverge.facts.Lsn;
import io.pgconverge.plan.Fate;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.PlanOptions;

import java.util.Optional;

/**
 * A planned switchover: the old primary is fenced with a clean (fast) shutdown, whose shutdown checkpoint reaches
 * the streaming standbys; the desired primary replays up to it before it is promoted, so nothing committed on
 * the old primary is lost. The old primary then starts as a standby of the new one; having stopped exactly
 * where the new timeline begins, it needs no rewind.
 */
public final class SwitchoverPlanner {
    private final PlanOptions options;
    private final TopologyDraft draft;

    public SwitchoverPlanner(PlanOptions options, TopologyDraft draft) {
        this.options = options;
        this.draft = draft;
    }

    /** The old primary runs: it must stream to the desired primary, which then waits for its final WAL. */
    public Optional<Takeover> fromRunning(NodeContext desired, NodeContext old) {
        if (!desired.follows(old) || !desired.streaming()) {
            String status = desired.upstream().flatMap(u -> u.receiverStatus()).orElse("not running");
            String from = desired.upstream().flatMap(u -> u.followedHost()).orElse("no host");
            draft.decide(old, Fate.KEEP, "");
            draft.refuse(desired, "a switchover from " + old.name() + " needs " + desired.name() + " to stream from "
                    + "it, so that it receives " + old.name() + "'s last WAL before it is promoted; its WAL receiver "
                    + "is " + status + " (following " + from + "): converge replication with " + old.name()
                    + " as the primary first");
            return Optional.empty();
        }
        draft.decide(desired, Fate.PROMOTE, "planned switchover: " + old.name() + " is shut down cleanly first and "
                + desired.name() + " replays all of its WAL before it is promoted, so no transaction is lost");
        draft.decide(old, Fate.DEMOTE, "the old primary becomes a standby of " + desired.name() + " after the "
                + "switchover; it stopped where " + desired.name() + "'s new timeline begins, so no rewind is needed");
        return Optional.of(new Takeover(Takeover.Kind.SWITCHOVER, Optional.of(old.name())));
    }

    /**
     * The old primary was shut down cleanly (an interrupted switchover, or by hand): a switchover only when the
     * desired primary has replayed its shutdown checkpoint already, since nothing more can reach it.
     */
    public Optional<Takeover> fromStopped(NodeContext desired, NodeContext old) {
        Optional<Lsn> last = old.facts().dataDir().flatMap(d -> d.checkpointLsn());
        Optional<Lsn> replayed = desired.replayed();
        if (last.isPresent() && replayed.isPresent() && replayed.get().compareTo(last.get()) > 0
                && sameTimeline(desired, old)) {
            draft.decide(desired, Fate.PROMOTE, "planned switchover: " + old.name() + " was shut down cleanly at "
                    + last.get() + " and " + desired.name() + " has replayed past it (" + replayed.get()
                    + "), so no transaction is lost");
            draft.decide(old, Fate.DEMOTE, "the old primary becomes a standby of " + desired.name()
                    + "; it stopped where " + desired.name() + "'s new timeline begins, so no rewind is needed");
            return Optional.of(new Takeover(Takeover.Kind.SWITCHOVER, Optional.of(old.name())));
        }
        if (!options.force()) {
            draft.decide(old, Fate.DEFERRED, "");
            draft.refuse(desired, old.name() + " was shut down cleanly at " + last.map(Lsn::toString).orElse("an "
                    + "unknown position") + " (timeline " + old.timeline() + ") but " + desired.name() + " has replayed "
                    + "only up to " + replayed.map(Lsn::toString).orElse("an unknown position") + " (timeline "
                    + desired.timeline() + ") and cannot receive the rest while " + old.name() + " is down: start "
                    + old.name() + " again (plan with it as the primary) so that " + desired.name() + " catches up, "
                    + "or add --force to promote " + desired.name() + " without " + old.name() + "'s last WAL");
        }
        return Optional.empty();
    }

    /**
     * The desired standby, configured to follow the stopped old primary, is on its timeline. A standby whose WAL
     * receiver stopped with the old primary reports the timeline of its last restartpoint, which lags behind the
     * timeline it replays (after an earlier switchover, until the next restartpoint): never ahead of the old primary.
     */
    private static boolean sameTimeline(NodeContext desired, NodeContext old) {
        return desired.timeline() == old.timeline()
                || desired.follows(old) && desired.timeline() > 0 && desired.timeline() < old.timeline();
    }
}
