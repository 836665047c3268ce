package io.pgconverge.it;

import io.pgconverge.testing.Commands;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * psql inside a lab node as its postgres user over the node's socket: how the tests check outcomes without
 * pgconverge's own code. SQL travels on stdin.
 */
public final class LabSql {
    private final RunningLab lab;

    public LabSql(RunningLab lab) {
        this.lab = lab;
    }

    public LabNode node(String name) {
        return lab.node(name);
    }

    /** Runs SQL on a node; returns psql's unaligned, tuples-only output, trimmed. Fails on any error. */
    public String query(String node, String sql) {
        LabNode n = node(node);
        List<String> psql = List.of("env", "LC_ALL=C.UTF-8", n.binDir() + "/psql", "-X", "-A", "-t", "-q", "-v",
                "ON_ERROR_STOP=1", "-h", n.runDir().toString(), "-p", String.valueOf(n.port()), "-d", "postgres");
        return Commands.run(lab.inNode(n, "postgres", psql), sql).strip();
    }

    /** Runs a shell script inside a node as its postgres user (file edits in the data and config directories). */
    public String shell(String node, String script) {
        return Commands.run(lab.inNode(node(node), "postgres", List.of("env", "LC_ALL=C.UTF-8", "bash", "-s")),
                script).strip();
    }

    /** Runs a shell script inside a node as root (pg_ctlcluster, as the node's administrator would). */
    public String rootShell(String node, String script) {
        return Commands.run(lab.inNode(node(node), "root", List.of("env", "LC_ALL=C.UTF-8", "bash", "-s")),
                script).strip();
    }

    /** Polls a query until its output satisfies {@code ok}; returns the last output. */
    public String await(String node, String sql, Predicate<String> ok, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = query(node, sql);
                if (ok.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep(200);
        }
        throw new AssertionError(node + ": " + sql + " did not give the expected result within " + timeout
                + "; last: " + last);
    }


    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
