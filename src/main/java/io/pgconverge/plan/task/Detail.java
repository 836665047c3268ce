package io.pgconverge.plan.task;

import java.util.List;
import java.util.Optional;

/** What a renderer shows under a task's summary line: a file diff, SQL, commands, or a note. */
public sealed interface Detail permits Detail.FileChange, Detail.Sql, Detail.Commands, Detail.Note {

    /**
     * A file's content before and after. Empty before: the file is created (or its current content is
     * not known at plan time). Empty after: the file is removed. A sensitive file's content is never shown.
     */
    record FileChange(String path, Optional<String> before, Optional<String> after, boolean sensitive)
            implements Detail {
    }

    /** SQL statements in the form that may be shown. */
    record Sql(List<String> statements) implements Detail {
        public Sql {
            statements = List.copyOf(statements);
        }
    }

    /**
     * Shell commands exactly as they are run on the node.
     *
     * @param runAs the OS user they run as on the node; empty when not said
     */
    record Commands(List<String> commands, String runAs) implements Detail {
        public Commands {
            commands = List.copyOf(commands);
        }

        /** Commands whose user is not said. */
        public Commands(List<String> commands) {
            this(commands, "");
        }
    }

    /** A line of explanation. */
    record Note(String text) implements Detail {
    }
}
