package io.pgconverge.plan.task;

import java.util.List;
import java.util.Optional;

/**
 * Write a whole file the engine owns (pgconverge.conf, pg_hba.conf, standby.signal, recovery.conf, the
 * passfile, postgresql.auto.conf without reset entries).
 *
 * @param path      absolute path on the node
 * @param before    content found when planning; empty when the file was absent or will be made by an
 *                  earlier task (initdb, base backup)
 * @param after     content to write
 * @param mode      octal file mode, e.g. {@code 0600}
 * @param sensitive the content holds a secret: never shown, logged or put in JSON
 */
public record WriteFile(String id, String host, String path, Optional<String> before, String after, String mode,
                        boolean sensitive, String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.WRITE_FILE;
    }

    @Override
    public Action action() {
        return before.isPresent() ? Action.UPDATE : Action.CREATE;
    }

    @Override
    public String summary() {
        return (before.isPresent() ? "update " : "create ") + path;
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.FileChange(path, before, Optional.of(after), sensitive));
    }

    @Override
    public String toString() {
        return "WriteFile[id=" + id + ", host=" + host + ", path=" + path + ", mode=" + mode
                + (sensitive ? ", content=(sensitive)" : ", content=" + after.length() + " characters") + "]";
    }
}
