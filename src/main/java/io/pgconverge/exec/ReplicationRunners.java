package io.pgconverge.exec;

import io.pgconverge.facts.ControlData;
import io.pgconverge.facts.Lsn;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.access.SqlText;
import io.pgconverge.plan.task.Promote;
import io.pgconverge.plan.task.VerifyReplication;
import io.pgconverge.plan.task.WaitForReplay;
import io.pgconverge.plan.topology.ExpectedStandby;
import io.pgconverge.transport.PgSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runners of the replication tasks: promote, wait for replay, verify that every standby streams. */
final class ReplicationRunners {
    private static final Duration POLL = Duration.ofMillis(200);

    private ReplicationRunners() {
    }

    private static boolean modern(Host host) {
        return PgMajorVersion.atLeast(host.pg().version(), 10);
    }

    static String replayLsnFunction(Host host) {
        return modern(host) ? "pg_last_wal_replay_lsn()" : "pg_last_xlog_replay_location()";
    }

    static boolean inRecovery(PgSession pg) {
        return pg.queryValue("SELECT pg_is_in_recovery()").strip().equals("t");
    }

    /** Polls until {@code host} has replayed past {@code lsn}; returns how long it took. */
    static Duration awaitReplay(NodeConnections connections, String host, Lsn lsn, Duration timeout,
                                boolean strictlyPast) {
        Host h = connections.host(host);
        String op = strictlyPast ? ">" : ">=";
        String sql = "SELECT coalesce(" + replayLsnFunction(h) + " " + op + " " + SqlText.literal(lsn.toString())
                + "::pg_lsn, false)";
        return awaitTrue(connections, host, sql, timeout, host + " has not replayed up to " + lsn);
    }

    /** Polls until a delayed standby has received (flushed) {@code lsn}, which it applies only later. */
    static Duration awaitReceipt(NodeConnections connections, String host, Lsn lsn, Duration timeout) {
        Host h = connections.host(host);
        String received = modern(h) ? "pg_last_wal_receive_lsn()" : "pg_last_xlog_receive_location()";
        return awaitTrue(connections, host, "SELECT coalesce(" + received + " >= " + SqlText.literal(lsn.toString())
                + "::pg_lsn, false)", timeout, host + " has not received up to " + lsn);
    }

    private static Duration awaitTrue(NodeConnections connections, String host, String sql, Duration timeout,
                                      String failure) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (connections.pg(host).queryValue(sql).strip().equals("t")) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException(failure + " within " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
    }

    static final class PromoteRunner implements TaskRunner<Promote> {
        @Override
        public String run(Promote task, RunContext context) {
            if (!inRecovery(context.pg())) {
                return "already a primary";
            }
            if (task.sql().isPresent()) {
                String ok = context.pg().queryValue(task.sql().get().sql()).strip();
                if (!ok.equals("t")) {
                    throw new EngineException(task.host() + ": pg_promote did not finish in time"
                            + new ServerControl(context).logTail());
                }
            } else {
                new ServerControl(context).serviceCommand(task.command().orElseThrow(), "promote");
            }
            return "promoted";
        }
    }

    static final class WaitForReplayRunner implements TaskRunner<WaitForReplay> {
        @Override
        public String run(WaitForReplay task, RunContext context) {
            Lsn last = finalLsn(context, task.source());
            Duration took = awaitReplay(context.connections(), task.host(), last, task.timeout(), true);
            return "replayed everything up to " + last + " from " + task.source() + " in " + took.toMillis() + " ms";
        }

        /** The stopped source's last checkpoint (its shutdown checkpoint) from pg_controldata. */
        private static Lsn finalLsn(RunContext context, String source) {
            Host h = context.connections().host(source);
            ControlData control = ServerControl.controlData(context.connections().shell(source), h.pg());
            String state = control.clusterState().orElse("unknown");
            if (!state.equals("shut down")) {
                throw new EngineException(source + " is not cleanly shut down (" + state + "); its last WAL position "
                        + "is unknown");
            }
            return control.checkpointLsn().orElseThrow(() -> new EngineException(source
                    + ": pg_controldata shows no latest checkpoint location"));
        }
    }

    static final class VerifyReplicationRunner implements TaskRunner<VerifyReplication> {
        @Override
        public String run(VerifyReplication task, RunContext context) {
            Lsn probe = Lsn.parse(context.pg().queryValue(probeSql(context.host())).strip());
            List<String> report = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (ExpectedStandby s : task.standbys()) {
                try {
                    Duration took = s.delayed() ? awaitReceipt(context.connections(), s.host(), probe, task.timeout())
                            : awaitReplay(context.connections(), s.host(), probe, task.timeout(), false);
                    checkStreaming(context, s);
                    report.add(s.host() + (s.delayed() ? " received " : " replayed ") + probe + " in "
                            + took.toMillis() + " ms"
                            + s.slot().map(slot -> " via slot " + slot).orElse(""));
                } catch (EngineException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new EngineException("replication is not verified: " + String.join("; ", problems));
            }
            return report.isEmpty() ? "no standbys" : String.join("; ", report);
        }

        /**
         * A WAL record of its own (no table touched, 9.6 and later) whose end position every standby must replay;
         * on 9.5 the current position.
         */
        private static String probeSql(Host primary) {
            return PgMajorVersion.atLeast(primary.pg().version(), 906)
                    ? "SELECT pg_logical_emit_message(false, 'pgconverge', 'verify')"
                    : "SELECT pg_current_xlog_location()";
        }

        private static void checkStreaming(RunContext context, ExpectedStandby s) {
            String app = SqlText.literal(s.applicationName());
            PgSession upstream = context.connections().pg(s.upstream());
            String state = upstream.queryValue("SELECT coalesce((SELECT state FROM pg_stat_replication"
                    + " WHERE application_name = " + app + " LIMIT 1), 'absent')").strip();
            if (!state.equals("streaming")) {
                throw new EngineException(s.host() + " is not streaming from " + s.upstream() + " (state "
                        + state + ")");
            }
            if (s.slot().isPresent()) {
                String active = upstream.queryValue("SELECT coalesce((SELECT active::text FROM pg_replication_slots"
                        + " WHERE slot_name = " + SqlText.literal(s.slot().get()) + "), 'absent')").strip();
                if (!active.equals("true")) {
                    throw new EngineException(s.host() + " does not use its slot " + s.slot().get() + " (" + active + ")");
                }
            }
        }
    }
}
