package io.pgconverge.render;

import io.pgconverge.plan.task.Action;

/** ANSI colours for a terminal, or none: the caller decides (NO_COLOR, a pipe). */
final class Ansi {
    private static final String RESET = "\u001b[0m";
    private final boolean enabled;

    Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    String bold(String text) {
        return paint(text, "1");
    }

    String dim(String text) {
        return paint(text, "2");
    }

    String red(String text) {
        return paint(text, "31");
    }

    String green(String text) {
        return paint(text, "32");
    }

    String yellow(String text) {
        return paint(text, "33");
    }

    String cyan(String text) {
        return paint(text, "36");
    }

    String action(Action action, String text) {
        switch (action) {
            case CREATE:
                return green(text);
            case UPDATE:
                return yellow(text);
            case DELETE:
                return red(text);
            case REPLACE:
                return paint(text, "35");
            default:
                return cyan(text);
        }
    }

    /** A line of a unified diff. */
    String diffLine(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return bold(line);
        }
        if (line.startsWith("+")) {
            return green(line);
        }
        if (line.startsWith("-")) {
            return red(line);
        }
        return line.startsWith("@@") ? cyan(line) : line;
    }

    private String paint(String text, String code) {
        return enabled ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
