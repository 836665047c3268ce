package io.pgconverge.cli;

/** Whether output goes to a person at a terminal: colour and confirmation prompts depend on it. */
final class Terminal {
    private Terminal() {
    }

    static boolean interactive() {
        return System.console() != null;
    }

    /** ANSI colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
    static boolean color() {
        String noColor = System.getenv("NO_COLOR");
        return interactive() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }
}
