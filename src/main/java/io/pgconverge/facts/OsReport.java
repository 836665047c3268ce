package io.pgconverge.facts;

import java.util.Map;
import java.util.Optional;

/**
 * What the one OS-level round trip ({@link OsFactsScript}) found on a node.
 *
 * @param dataReadable the engine's user can list the data directory (else "running" could not be read)
 * @param hbaFile      where pg_hba.conf is by postgresql.conf (hba_file), or beside postgresql.conf
 * @param files        the files read, by absolute path; passwords in connection strings masked
 * @param hotStandby   the control file's hot-standby values and the server log's complaint about them
 * @param walTimeline  the newest timeline of the WAL segments in pg_wal (pg_xlog before 10): the timeline a standby
 *                     has received WAL of, known before its control file says so (at its next restartpoint)
 */
public record OsReport(Optional<OsFacts> os, Optional<String> binDir, Optional<String> installedVersion,
                       DataDirFacts dataDir, boolean dataReadable, boolean running, String hbaFile,
                       Map<String, FileFact> files, Optional<AppliedRecord> lastApplied,
                       HotStandbyFacts hotStandby, Optional<Integer> walTimeline) {
    public OsReport {
        files = Map.copyOf(files);
    }

    /** Without the timeline of the WAL in the data directory (unknown). */
    public OsReport(Optional<OsFacts> os, Optional<String> binDir, Optional<String> installedVersion,
                    DataDirFacts dataDir, boolean dataReadable, boolean running, String hbaFile,
                    Map<String, FileFact> files, Optional<AppliedRecord> lastApplied, HotStandbyFacts hotStandby) {
        this(os, binDir, installedVersion, dataDir, dataReadable, running, hbaFile, files, lastApplied, hotStandby,
                Optional.empty());
    }

    /** Without hot-standby facts (none). */
    public OsReport(Optional<OsFacts> os, Optional<String> binDir, Optional<String> installedVersion,
                    DataDirFacts dataDir, boolean dataReadable, boolean running, String hbaFile,
                    Map<String, FileFact> files, Optional<AppliedRecord> lastApplied) {
        this(os, binDir, installedVersion, dataDir, dataReadable, running, hbaFile, files, lastApplied,
                HotStandbyFacts.none());
    }

    public FileFact file(String path) {
        return files.getOrDefault(path, FileFact.absent(path));
    }
}
