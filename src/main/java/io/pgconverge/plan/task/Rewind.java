package io.pgconverge.plan.task;

import io.pgconverge.model.Secret;
import io.pgconverge.plan.config.PgpassLine;

import java.util.List;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Rewind a stopped former primary's data directory to the source server's timeline with pg_rewind. The
 * password of {@code user} (a superuser) travels in a passfile created empty as {@code passfile.XXXXXX} (0600),
 * unlinked while open and only then written; pg_rewind reads it as {@code /dev/fd/3}. A data directory that was not shut down cleanly (a crashed primary) is first brought to a
 * consistent state by crash recovery in single-user mode, which accepts no connections.
 *
 * @param source     inventory name of the server rewound from (the new primary)
 * @param configFile the node's postgresql.conf, for the single-user crash recovery
 */
public record Rewind(String id, String host, String source, String sourceAddress, int sourcePort, String user,
                     String dataDir, String binDir, String configFile, String passfile, Secret password, String reason,
                     String runAs)
        implements Task {
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
