package io.pgconverge.exec;

import io.pgconverge.model.Intent;
import io.pgconverge.model.NodePaths;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.pgconverge.model.ShellWords.quote;

/**
 * The script around a long command on a node (pg_basebackup, pg_rewind, crash recovery), so that an interrupted
 * apply leaves nothing running and nothing secret behind:
 * <ul>
 * <li>a job an earlier apply left running (its pid file names pid and start time) is ended first;</li>
 * <li>the command runs in a process group of its own, whose pid and start time go to the job pid file, watched by
 *     a watchdog that ends the group as soon as the script, its parent or its grandparent (the SSH session, or the
 *     controller of a local shell) is gone;</li>
 * <li>a password reaches it through a passfile that is created empty (0600), opened on descriptor 3 and unlinked
 *     before the password is written into it: at no moment does a file with the password have a name on disk, and
 *     it is gone with the last process holding the descriptor ({@code PGPASSFILE=/dev/fd/3});</li>
 * <li>the intent marker says what is being done and how far it got.</li>
 * </ul>
 */
final class RemoteJob {
    private final List<String> lines = new ArrayList<>();
    private final NodePaths paths;

    RemoteJob(NodePaths paths) {
        this.paths = paths;
        lines.add("set -e");
        lines.add("umask 077");
        lines.add("JOBFILE=" + quote(paths.jobPidFile()));
        lines.add(END_EARLIER_JOB);
    }

    /** A password for libpq, on descriptor 3; {@code namePrefix} names the empty file for a moment. */
    RemoteJob secret(String namePrefix, String passfileContent) {
        lines.add("rm -f -- " + quote(namePrefix) + " " + quote(namePrefix) + ".*");
        lines.add("PASSTMP=$(mktemp " + quote(namePrefix + ".XXXXXX") + ")");
        lines.add("exec 3<>\"$PASSTMP\"");
        lines.add("rm -f -- \"$PASSTMP\"");
        lines.add("printf '%s' " + quote(passfileContent) + " >&3");
        return this;
    }

    RemoteJob intent(Intent intent) {
        String path = quote(paths.intent());
        lines.add("printf '%s' " + quote(intent.text()) + " > " + path + ".tmp && mv -f " + path + ".tmp " + path);
        return this;
    }

    RemoteJob then(String command) {
        lines.add(command);
        return this;
    }

    /** The long command itself, {@code what} naming it in the pid file; the script fails when it fails. */
    RemoteJob job(String what, String command) {
        lines.add("setsid bash -c " + quote(command) + " &");
        lines.add("JOB=$!");
        lines.add("printf 'pid=%s\\nstart=%s\\nwhat=%s\\n' \"$JOB\" \"$(starttime \"$JOB\")\" " + quote(what)
                + " > \"$JOBFILE\"");
        lines.add(WATCHDOG);
        lines.add("set +e; wait \"$JOB\"; rc=$?; set -e");
        lines.add("kill \"$WATCH\" 2>/dev/null || true");
        lines.add("rm -f -- \"$JOBFILE\"");
        lines.add("[ \"$rc\" -eq 0 ] || exit \"$rc\"");
        return this;
    }

    String script() {
        return String.join("\n", lines) + "\n";
    }

    /** Optional commands added in order. */
    RemoteJob then(Optional<String> command) {
        command.ifPresent(this::then);
        return this;
    }

    private static final String END_EARLIER_JOB = """
            starttime() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }
            if [ -r "$JOBFILE" ]; then
              old=$(sed -n 's/^pid=//p' "$JOBFILE"); oldstart=$(sed -n 's/^start=//p' "$JOBFILE")
              if [ -n "$old" ] && [ -n "$oldstart" ] && [ "$(starttime "$old")" = "$oldstart" ]; then
                echo "ending $(sed -n 's/^what=//p' "$JOBFILE") (pid $old), left running by an interrupted apply"
                kill -TERM -- "-$old" 2>/dev/null || true
                for i in $(seq 1 50); do [ -e "/proc/$old" ] || break; sleep 0.2; done
                kill -KILL -- "-$old" 2>/dev/null || true
                for i in $(seq 1 50); do [ -e "/proc/$old" ] || break; sleep 0.2; done
              fi
              rm -f -- "$JOBFILE"
            fi""";

    private static final String WATCHDOG = """
            SELF=$$; PARENT=$PPID; GRAND=$(sed 's/^.*) //' "/proc/$PPID/stat" | cut -d' ' -f2)
            ( while [ -e "/proc/$JOB" ]; do
                if [ ! -e "/proc/$SELF" ] || [ ! -e "/proc/$PARENT" ] || { [ -n "$GRAND" ] && [ "$GRAND" != 1 ] \\
                   && [ ! -e "/proc/$GRAND" ]; }; then
                  kill -TERM -- "-$JOB" 2>/dev/null; sleep 3; kill -KILL -- "-$JOB" 2>/dev/null
                  rm -f -- "$JOBFILE"; exit 0
                fi
                sleep 0.5
              done ) </dev/null >/dev/null 2>&1 &
            WATCH=$!""";
}
