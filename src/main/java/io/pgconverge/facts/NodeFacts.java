package io.pgconverge.facts;

import java.util.Map;
import java.util.Optional;

/**
 * Everything gathered about one node. An unreachable node has only its name and the reason.
 *
 * @param files the files the engine manages or reads on this node, by absolute path
 * @param running a postmaster runs for the data directory (postmaster.pid names a live process)
 * @param server  SQL facts; empty when the server is down or no session could be opened
 * @param serverError why no SQL facts could be read although the server runs
 */
public record NodeFacts(String host, boolean reachable, Optional<String> unreachableReason,
                        Optional<OsFacts> os, Optional<String> binDir, Optional<DataDirFacts> dataDir,
                        Map<String, FileFact> files, boolean running, Optional<ServerFacts> server,
                        Optional<String> serverError, Optional<AppliedRecord> lastApplied) {
    public NodeFacts {
        files = Map.copyOf(files);
    }

    public static NodeFacts unreachable(String host, String reason) {
        return new NodeFacts(host, false, Optional.of(reason), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public FileFact file(String path) {
        return files.getOrDefault(path, FileFact.absent(path));
    }

    /** Out of recovery and running: it takes writes. */
    public boolean isPrimary() {
        return server.map(s -> !s.inRecovery()).orElse(false);
    }

    public boolean isStandby() {
        return server.map(ServerFacts::inRecovery).orElse(false);
    }
}
