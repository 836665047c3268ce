package io.pgconverge.facts;

import java.util.Map;
import java.util.Optional;

/**
 * Everything gathered about one node. An unreachable node has only its name, address and the reason.
 *
 * @param address the address the engine reached the node at (inventory ansible_host); empty when not known
 * @param binDir  the binaries directory when {@code postgres} was found in it
 * @param files the files the engine manages or reads on this node, by absolute path
 * @param running a postmaster runs for the data directory (postmaster.pid names a live process)
 * @param server  SQL facts; empty when the server is down or no session could be opened
 * @param serverError why no SQL facts could be read although the server runs
 * @param installedVersion {@code postgres --version} of binDir, e.g. "15.18"; empty without binaries
 * @param platform how the engine reaches the node (become) and its distribution's PostgreSQL tools
 * @param leftovers what an interrupted apply left: lock, intent marker, a still running remote command
 * @param hotStandby the control file's hot-standby values and whether the server log says it stopped for them
 */
public record NodeFacts(String host, boolean reachable, Optional<String> unreachableReason,
                        Optional<OsFacts> os, Optional<String> binDir, Optional<DataDirFacts> dataDir,
                        Map<String, FileFact> files, boolean running, Optional<ServerFacts> server,
                        Optional<String> serverError, Optional<AppliedRecord> lastApplied,
                        String address, Optional<String> installedVersion, PlatformFacts platform,
                        EngineLeftovers leftovers, HotStandbyFacts hotStandby) {
    public NodeFacts {
        files = Map.copyOf(files);
    }

    /** Without platform facts (left unknown) and leftovers of earlier applies. */
    public NodeFacts(String host, boolean reachable, Optional<String> unreachableReason,
                     Optional<OsFacts> os, Optional<String> binDir, Optional<DataDirFacts> dataDir,
                     Map<String, FileFact> files, boolean running, Optional<ServerFacts> server,
                     Optional<String> serverError, Optional<AppliedRecord> lastApplied,
                     String address, Optional<String> installedVersion) {
        this(host, reachable, unreachableReason, os, binDir, dataDir, files, running, server, serverError,
                lastApplied, address, installedVersion, PlatformFacts.unknown(), EngineLeftovers.none(),
                HotStandbyFacts.none());
    }

    /** The same facts with these platform facts. */
    public NodeFacts withPlatform(PlatformFacts platform) {
        return new NodeFacts(host, reachable, unreachableReason, os, binDir, dataDir, files, running, server,
                serverError, lastApplied, address, installedVersion, platform, leftovers, hotStandby);
    }

    /** The same facts with what an interrupted apply left on the node. */
    public NodeFacts withLeftovers(EngineLeftovers leftovers) {
        return new NodeFacts(host, reachable, unreachableReason, os, binDir, dataDir, files, running, server,
                serverError, lastApplied, address, installedVersion, platform, leftovers, hotStandby);
    }

    /** The same facts with these hot-standby facts. */
    public NodeFacts withHotStandby(HotStandbyFacts hotStandby) {
        return new NodeFacts(host, reachable, unreachableReason, os, binDir, dataDir, files, running, server,
                serverError, lastApplied, address, installedVersion, platform, leftovers, hotStandby);
    }

    /** Without address and installed version (both left empty). */
    public NodeFacts(String host, boolean reachable, Optional<String> unreachableReason,
                     Optional<OsFacts> os, Optional<String> binDir, Optional<DataDirFacts> dataDir,
                     Map<String, FileFact> files, boolean running, Optional<ServerFacts> server,
                     Optional<String> serverError, Optional<AppliedRecord> lastApplied) {
        this(host, reachable, unreachableReason, os, binDir, dataDir, files, running, server, serverError,
                lastApplied, "", Optional.empty());
    }

    public static NodeFacts unreachable(String host, String reason) {
        return unreachable(host, "", reason);
    }

    public static NodeFacts unreachable(String host, String address, String reason) {
        return new NodeFacts(host, false, Optional.of(reason), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), false, Optional.empty(), Optional.empty(), Optional.empty(), address, Optional.empty());
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

    /** The major version of the installed binaries as {@link PgVersions} counts it: 15 for "15.18", 905 for "9.5.25". */
    public Optional<Integer> installedMajor() {
        return installedVersion.flatMap(PgVersions::majorOf);
    }
}
