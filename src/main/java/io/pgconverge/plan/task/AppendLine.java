package io.pgconverge.plan.task;

import java.util.List;
import java.util.Optional;

/**
 * Append one line to a file the user owns unless it already has it: the include line of postgresql.conf.
 * Nothing else in the file is touched.
 *
 * @param before the file's content when planning; empty when absent or made by an earlier task
 */
public record AppendLine(String id, String host, String path, String line, Optional<String> before,
                         String reason) implements Task {
    @Override
    public TaskKind kind() {
        return TaskKind.APPEND_LINE;
    }

    @Override
    public Action action() {
        return Action.UPDATE;
    }

    @Override
    public String summary() {
        return "append to " + path + ": " + line;
    }

    /** The content after appending to {@code text}: a newline is added first when the text lacks one. */
    public String appendedTo(String text) {
        String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        return text + separator + line + "\n";
    }

    @Override
    public List<Detail> details() {
        if (before.isEmpty()) {
            return List.of(new Detail.FileChange(path, Optional.of(""), Optional.of(line + "\n"), false));
        }
        return List.of(new Detail.FileChange(path, before, Optional.of(appendedTo(before.get())), false));
    }
}
