package io.pgconverge.plan.task;

import io.pgconverge.plan.topology.ExpectedStandby;

import java.time.Duration;
import java.util.List;

/**
 * Prove that replication works: on the primary ({@code host}) take the current WAL position, wait until every
 * expected standby has replayed it (a delayed standby: received it), and check that the pg_stat_replication of
 * the node it streams from (the primary, or the standby it cascades from) lists it as streaming through its slot.
 * Failing within {@code timeout} fails the apply.
 */
public record VerifyReplication(String id, String host, List<ExpectedStandby> standbys, Duration timeout,
                                String reason) implements Task {
    public VerifyReplication {
        standbys = List.copyOf(standbys);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.VERIFY_REPLICATION;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        if (standbys.stream().anyMatch(s -> !s.upstream().equals(host))) {
            return "verify that " + String.join(", ", standbys.stream().map(s -> s.host() + " streams from "
                    + s.upstream()).toList()) + ", and that they have " + host + "'s latest write";
        }
        return "verify that " + String.join(", ", standbys.stream().map(ExpectedStandby::host).toList())
                + (standbys.size() == 1 ? " streams" : " stream") + " from " + host + " and replay"
                + (standbys.size() == 1 ? "s" : "") + " its latest write";
    }

    @Override
    public List<Detail> details() {
        return standbys.stream()
                .map(s -> (Detail) new Detail.Note(s.host() + " streams as " + s.applicationName()
                        + (s.upstream().equals(host) ? "" : " from " + s.upstream())
                        + s.slot().map(slot -> " through slot " + slot).orElse(" without a slot")
                        + (s.delayed() ? "; it is delayed, so it must have received the write, not replayed it" : "")))
                .toList();
    }
}
