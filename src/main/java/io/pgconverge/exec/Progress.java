package io.pgconverge.exec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of progress of a long task, and how much of a copy is done when the line says so.
 *
 * @param text  the line as the command printed it, stripped
 * @param share the copy's size and part done: from pg_basebackup's {@code -P} report
 */
public record Progress(String text, Optional<Share> share) {
    /**
     * {@code   23456/123456 kB (19%), 0/1 tablespace}: kB done right-aligned to the total's width; tablespaces and, with
     * -v, the file being copied follow, in the words of the server's locale.
     */
    private static final Pattern BASE_BACKUP = Pattern.compile("^(\\d+)/(\\d+) kB \\((\\d+)%\\)");

    /** Of a copy: kB done, kB in all (pg_basebackup's estimate, raised as it goes), percent done (0 to 100). */
    public record Share(long doneKb, long totalKb, int percent) {
    }

    public Progress {
        text = text.strip();
    }

    /** A line that says nothing of a share done. */
    public static Progress note(String text) {
        return new Progress(text, Optional.empty());
    }

    /** A line of pg_basebackup {@code -P}: its progress report carries the share done; other lines are notes. */
    public static Progress ofBaseBackup(String line) {
        Matcher m = BASE_BACKUP.matcher(line.strip());
        if (!m.find()) {
            return note(line);
        }
        try {
            int percent = Math.max(0, Math.min(100, Integer.parseInt(m.group(3))));
            return new Progress(line, Optional.of(new Share(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    percent)));
        } catch (NumberFormatException e) {
            return note(line);
        }
    }
}
