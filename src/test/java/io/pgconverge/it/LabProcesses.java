package io.pgconverge.it;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;

import java.util.List;

/** Starting, stopping and killing lab servers behind pgconverge's back, as an operator or a crash would. */
final class LabProcesses {
    private final RunningLab lab;
    private final LabSql sql;

    LabProcesses(RunningLab lab, LabSql sql) {
        this.lab = lab;
        this.sql = sql;
    }

    /** kill -9 of the postmaster; returns once it and every process it had started are gone. */
    void crash(String node) {
        long pid = postmasterPid(node);
        List<Long> children = ProcessHandle.of(pid).map(p -> p.children().map(ProcessHandle::pid).toList())
                .orElse(List.of());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.currentTimeMillis() + 30000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                || children.stream().anyMatch(c -> ProcessHandle.of(c).map(ProcessHandle::isAlive).orElse(false))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(node + ": the killed server's processes are still there");
            }
            LabSql.sleep(100);
        }
    }

    /** Starts the server as it is (its data directory decides whether it is a primary or a standby). */
    void start(String node) {
        sql.rootShell(node, "pg_ctlcluster " + lab.pgVersion() + " main start\n");
    }

    /** Stops the server cleanly, as the node's administrator would. */
    void stop(String node) {
        sql.rootShell(node, "pg_ctlcluster --mode fast " + lab.pgVersion() + " main stop\n");
    }

    /** Restarts the server with its configuration as it is now, as an operator would by hand. */
    void restart(String node) {
        sql.rootShell(node, "pg_ctlcluster " + lab.pgVersion() + " main restart -m fast\n");
    }

    /**
     * Data to measure with: {@code -Dit.data.mb=200} fills a table of about that size on the node (none by
     * default, to keep test runs short).
     */
    void fill(String node) {
        int mb = Integer.getInteger("it.data.mb", 0);
        if (mb > 0) {
            sql.query(node, "CREATE TABLE it_fill(id int, pad text); INSERT INTO it_fill SELECT g, repeat(md5(g::text),"
                    + " 30) FROM generate_series(1, " + mb * 900 + ") g; CHECKPOINT");
        }
    }

    /** The node's postmaster pid, as the lab machine sees it; fails when PostgreSQL does not run there. */
    long postmasterPid(String node) {
        LabNode n = sql.node(node);
        return lab.lab().postmasterPid(n).orElseThrow(() -> new AssertionError(node + ": PostgreSQL does not run"));
    }
}
