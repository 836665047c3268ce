package io.pgconverge.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Tells whether a lab node runs. It does only when the pid in its postmaster.pid is a live postgres process
 * working in its data directory, so a stale pid file (a killed server, a reused pid) is recognised as such.
 */
final class NodeProbe {
    private final ProcFs procs;

    NodeProbe(ProcFs procs) {
        this.procs = procs;
    }

    NodeStatus status(LabNode node) {
        if (!Files.exists(node.dataDir().resolve("PG_VERSION"))) {
            return new NodeStatus(node, NodeState.ABSENT, OptionalLong.empty());
        }
        OptionalLong pid = postmasterPid(node);
        return pid.isPresent() ? new NodeStatus(node, NodeState.RUNNING, pid)
                : new NodeStatus(node, NodeState.STOPPED, OptionalLong.empty());
    }

    /** The pid of the node's running postmaster, if the one in postmaster.pid is it. */
    OptionalLong postmasterPid(LabNode node) {
        long pid = pidFromFile(node.pidFile());
        if (!procs.live(pid)) {
            return OptionalLong.empty();
        }
        String comm = procs.comm(pid);
        boolean postgres = comm.equals("postgres") || comm.equals("postmaster");
        boolean inDataDir = procs.cwd(pid).map(ProcFs.realPath(node.dataDir())::equals).orElse(false);
        return postgres && inDataDir ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    private static long pidFromFile(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return Long.parseLong(first.strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
