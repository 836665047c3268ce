package io.pgconverge.plan.task;

import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.config.PgpassLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Rebuild a standby's data directory from the primary with pg_basebackup. The copy is taken into
 * {@code stagingDir} beside the data directory; only when it completed is the old data directory moved
 * aside to {@code asidePrefix + TIMESTAMP} (never deleted) and the copy moved into its place. The
 * replication password travels in a passfile created empty as {@code passfile.XXXXXX} (0600), unlinked while open
 * and only then written: pg_basebackup reads it as {@code /dev/fd/3}, so it never has a name on disk and never
 * appears on a command line.
 *
 * @param source          inventory name of the node the copy comes from: the primary, or the standby it cascades from
 * @param slot            the slot the backup streams through; empty without slots
 * @param createSlot      pg_basebackup creates the slot ({@code -C}, from 10); else it exists or is made by a
 *                        CreateSlot task
 * @param replacesDataDir the data directory exists and is moved aside
 * @param password        the replication role's password, written only to the passfile
 */
public record BaseBackup(String id, String host, String source, String sourceAddress, int sourcePort, String user,
                         Optional<String> slot, boolean createSlot, String dataDir, boolean replacesDataDir,
                         String stagingDir, String asidePrefix, String binDir, int pgVersion, String passfile,
                         Secret password, String reason,
                         String runAs) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.BASE_BACKUP;
    }

    @Override
    public Action action() {
        return replacesDataDir ? Action.REPLACE : Action.CREATE;
    }

    @Override
    public String summary() {
        return (replacesDataDir ? "rebuild " : "create ") + dataDir + " as a base backup of " + source
                + (replacesDataDir ? " (old directory moved to " + asidePrefix + "TIMESTAMP)" : "");
    }

    /** The passfile's content: sensitive. */
    public String passfileContent() {
        return PgpassLine.replication(user, password.reveal());
    }

    /** Removes an incomplete copy left by an interrupted earlier run (never the data directory itself). */
    public String clearStagingCommand() {
        return "rm -rf -- " + quote(stagingDir);
    }

    public String fetchCommand() {
        StringBuilder cmd = new StringBuilder("PGPASSFILE=/dev/fd/3 ")
                .append(quote(binDir + "/pg_basebackup"))
                .append(" -h ").append(quote(sourceAddress)).append(" -p ").append(sourcePort)
                .append(" -U ").append(quote(user)).append(" -D ").append(quote(stagingDir))
                .append(PgMajorVersion.atLeast(pgVersion, 10) ? " -X stream" : " --xlog-method=stream")
                .append(" --checkpoint=fast -P");
        if (slot.isPresent() && PgMajorVersion.atLeast(pgVersion, 906)) {
            cmd.append(createSlot ? " -C" : "").append(" -S ").append(quote(slot.get()));
        }
        return cmd.toString();
    }

    /** Empty when there is no data directory to move aside. */
    public Optional<String> moveAsideCommand() {
        if (!replacesDataDir) {
            return Optional.empty();
        }
        return Optional.of("mv -- " + quote(dataDir) + " " + quote(asidePrefix) + "\"$(date +%Y%m%dT%H%M%S)\"");
    }

    public String moveInCommand() {
        return "mv -- " + quote(stagingDir) + " " + quote(dataDir);
    }

    /** Every command in the order the runner runs them (after opening the passfile). */
    public List<String> commands() {
        List<String> commands = new ArrayList<>();
        commands.add(clearStagingCommand());
        commands.add(fetchCommand());
        moveAsideCommand().ifPresent(commands::add);
        commands.add(moveInCommand());
        return commands;
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Note("the replication password is read from descriptor 3: a 0600 file created as "
                + passfile + ".XXXXXX and unlinked before the password is written into it"),
                new Detail.Commands(commands(), runAs));
    }
}
