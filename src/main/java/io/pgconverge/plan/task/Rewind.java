package io.pgconverge.plan.task;

import io.pgconverge.model.Secret;
import io.pgconverge.plan.config.PgpassLine;

import java.util.List;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Rewind a stopped former primary's data directory to the source server's timeline with pg_rewind. The
 * password of {@code user} (a superuser) travels in {@code passfile}, written 0600 by the runner and removed
 * afterwards. A data directory that was not shut down cleanly (a crashed primary) is first brought to a
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
        return "PGPASSFILE=" + quote(passfile) + " " + quote(binDir + "/pg_rewind") + " -D " + quote(dataDir)
                + " --source-server=" + quote(conninfo) + " -P";
    }

    /** Crash recovery in single-user mode; run only when pg_controldata says the server was not shut down cleanly. */
    public String crashRecoveryCommand() {
        return quote(binDir + "/postgres") + " --single -D " + quote(dataDir) + " -c " + quote("config_file="
                + configFile) + " template1 </dev/null";
    }

    public String removePassfileCommand() {
        return "rm -f -- " + quote(passfile);
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Note("the password of " + user + " is written to " + passfile
                        + " (0600) for pg_rewind and removed after it; a data directory that was not shut down cleanly "
                        + "first goes through crash recovery: " + crashRecoveryCommand()),
                new Detail.Commands(List.of(command(), removePassfileCommand()), runAs));
    }
}
