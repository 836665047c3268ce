package io.pgconverge.it;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;

import java.io.IOException;
import java.nio.file.Files;
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
        LabNode n = sql.node(node);
        long pid = postmasterPid(n);
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
        LabNode n = sql.node(node);
        sql.shell(lab.pg().binDir() + "/pg_ctl -D " + n.dataDir() + " -o '-c config_file=" + n.configFile() + "' -l "
                + n.logFile() + " -w start\n");
    }

    /** Stops the server cleanly (fast shutdown). */
    void stop(String node) {
        sql.shell(lab.pg().binDir() + "/pg_ctl -D " + sql.node(node).dataDir() + " -w stop -m fast\n");
    }

    /** Restarts the server with its configuration as it is now, as an operator would by hand. */
    void restart(String node) {
        LabNode n = sql.node(node);
        sql.shell(lab.pg().binDir() + "/pg_ctl -D " + n.dataDir() + " -o '-c config_file=" + n.configFile() + "' -l "
                + n.logFile() + " -w restart -m fast\n");
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

    static long postmasterPid(LabNode n) {
        try {
            return Long.parseLong(Files.readAllLines(n.pidFile()).get(0).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
