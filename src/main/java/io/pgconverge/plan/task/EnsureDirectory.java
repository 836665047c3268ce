package io.pgconverge.plan.task;

import io.pgconverge.model.RunAs;

import java.util.ArrayList;
import java.util.List;

import static io.pgconverge.model.ShellWords.quote;

/**
 * Create a directory (the WAL archive) or correct its owner and mode. Where the node's service control runs as root
 * (pg_ctlcluster, systemd), so does this: the archive usually lives where only root may create it (/var/backups).
 *
 * @param exists whether the directory existed when planning (then only owner and mode are corrected)
 * @param changeOwner whether it needs chown: it exists with another owner, or root makes it
 * @param runAs   the OS user the commands run as, as shown
 * @param runsAs  who that is
 */
public record EnsureDirectory(String id, String host, String path, String owner, String mode, boolean exists,
                              boolean changeOwner, String reason,
                              String runAs, RunAs runsAs) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.ENSURE_DIRECTORY;
    }

    @Override
    public Action action() {
        return exists ? Action.UPDATE : Action.CREATE;
    }

    @Override
    public String summary() {
        return (exists ? "fix owner and mode of directory " : "create directory ") + path;
    }

    /** The commands the runner executes, in order. */
    public List<String> commands() {
        List<String> commands = new ArrayList<>();
        commands.add("mkdir -p -m " + mode + " " + quote(path));
        if (changeOwner) {
            commands.add("chown " + quote(owner) + " " + quote(path));
        }
        commands.add("chmod " + mode + " " + quote(path));
        return commands;
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Commands(commands(), runAs));
    }
}
