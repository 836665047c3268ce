package io.pgconverge.plan.task;

import io.pgconverge.facts.Lsn;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.config.PgpassLine;

import java.util.List;
import java.util.Set;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Rewind a stopped former primary's data directory to the source server's timeline with pg_rewind. The
 * password of {@code user} (a superuser) travels in a passfile created empty as {@code passfile.XXXXXX} (0600),
 * unlinked while open and only then written; pg_rewind reads it as {@code /dev/fd/3}. A data directory that was not shut down cleanly (a crashed primary) is first brought to a
 * consistent state by crash recovery in single-user mode, which accepts no connections. The target's WAL segments
 * are hard-linked beside the data directory first ({@link #keptWalDir}): pg_rewind before 16 removes those the
 * source has recycled, though recovery replays them from the last common checkpoint; the ones before the
 * divergence are linked back ({@link #walToRestore}).
 *
 * @param source     inventory name of the server rewound from (the new primary)
 * @param configFile the node's postgresql.conf, for the single-user crash recovery
 */
public record Rewind(String id, String host, String source, String sourceAddress, int sourcePort, String user,
                     String dataDir, String binDir, String configFile, String passfile, Secret password, String reason,
                     String runAs)
        implements Task {
    private static final int SEGMENT_NAME = 24;

    @Override
    public TaskKind kind() {
        return TaskKind.REWIND;
    }

    @Override
    public Action action() {
        return Action.UPDATE;
    }

    @Override
    public String summary() {
        return "rewind " + dataDir + " to the timeline of " + source;
    }

    /** The passfile's content: sensitive. */
    public String passfileContent() {
        return "*:*:*:" + PgpassLine.escape(user) + ":" + PgpassLine.escape(password.reveal()) + "\n";
    }

    public String command() {
        String conninfo = "host=" + sourceAddress + " port=" + sourcePort + " user=" + user + " dbname=postgres";
        return "PGPASSFILE=/dev/fd/3 " + quote(binDir + "/pg_rewind") + " -D " + quote(dataDir)
                + " --source-server=" + quote(conninfo) + " -P";
    }

    /** Where the target's WAL segments are hard-linked while pg_rewind runs: beside the data directory, not in it. */
    public String keptWalDir() {
        return dataDir + ".rewind-wal";
    }

    /** Hard links to the target's WAL segments in {@link #keptWalDir} (no data copied; none when links fail). */
    public String keepWalCommand() {
        String kept = quote(keptWalDir());
        return "rm -rf -- " + kept + " && mkdir -m 0700 -- " + kept + " && { find " + quote(dataDir + "/pg_wal/")
                + " -maxdepth 1 -type f -name '" + "?".repeat(SEGMENT_NAME) + "' -exec ln -t " + kept
                + " -- {} + || true; }";
    }

    /**
     * The kept segments to link back into pg_wal after pg_rewind: those it removed that lie wholly before the
     * segment where the servers diverged. A segment at or after the divergence holds WAL the new primary never had
     * and is never brought back; the source's copy of the diverging segment, on its own timeline, is in pg_wal.
     *
     * @param kept         names in {@link #keptWalDir}
     * @param present      names in pg_wal after pg_rewind
     * @param segmentBytes wal_segment_size ("Bytes per WAL segment" of pg_controldata)
     */
    public static List<String> walToRestore(List<String> kept, Set<String> present, Lsn diverged, long segmentBytes) {
        long divergedSegment = Long.divideUnsigned(diverged.value(), segmentBytes);
        long perLogId = 0x100000000L / segmentBytes;
        return kept.stream().filter(n -> n.matches("[0-9A-F]{" + SEGMENT_NAME + "}") && !present.contains(n))
                .filter(n -> Long.parseLong(n.substring(8, 16), 16) * perLogId + Long.parseLong(n.substring(16), 16)
                        < divergedSegment)
                .sorted().toList();
    }

    /** Crash recovery in single-user mode; run only when pg_controldata says the server was not shut down cleanly. */
    public String crashRecoveryCommand() {
        return quote(binDir + "/postgres") + " --single -D " + quote(dataDir) + " -c " + quote("config_file="
                + configFile) + " template1 </dev/null";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Note("the password of " + user + " is read from descriptor 3: a 0600 file created "
                        + "as " + passfile + ".XXXXXX and unlinked before the password is written into it; a data "
                        + "directory that was not shut down cleanly "
                        + "first goes through crash recovery: " + crashRecoveryCommand()),
                new Detail.Commands(List.of(command()), runAs));
    }
}
