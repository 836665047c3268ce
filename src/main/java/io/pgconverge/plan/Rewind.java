package io.pgconverge.plan;

import io.pgconverge.model.Secret;

import java.util.List;

import static io.pgconverge.plan.ShellWords.quote;

/**
 * Rewind a stopped former primary's data directory to the source server's timeline with pg_rewind. The
 * password of {@code user} (a superuser) travels in {@code passfile}, written 0600 by the runner and removed
 * afterwards.
 *
 * @param source inventory name of the server rewound from (the new primary)
 */
public record Rewind(String id, String host, String source, String sourceAddress, int sourcePort, String user,
                     String dataDir, String binDir, String passfile, Secret password, String reason)
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

    public String removePassfileCommand() {
        return "rm -f -- " + quote(passfile);
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command(), removePassfileCommand())));
    }
}
