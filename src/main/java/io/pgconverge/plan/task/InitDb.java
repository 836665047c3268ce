package io.pgconverge.plan.task;

import io.pgconverge.model.PgMajorVersion;

import java.util.List;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Initialise a new cluster in the desired primary's missing or empty data directory. Local connections
 * use peer authentication (how the engine logs in on a fresh node), host connections SCRAM (md5 before 10).
 */
public record InitDb(String id, String host, String dataDir, String binDir, int pgVersion, String reason,
                     String runAs)
        implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.INIT_DB;
    }

    @Override
    public Action action() {
        return Action.CREATE;
    }

    @Override
    public String summary() {
        return "initialise a new cluster in " + dataDir;
    }

    public String command() {
        String hostAuth = PgMajorVersion.atLeast(pgVersion, 10) ? "scram-sha-256" : "md5";
        return quote(binDir + "/initdb") + " -D " + quote(dataDir) + " --auth-local=peer --auth-host=" + hostAuth
                + " --encoding=UTF8";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(List.of(command()), runAs));
    }
}
