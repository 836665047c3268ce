package io.pgconverge.cli;

/** Whether output goes to a person at a terminal: colour and confirmation prompts depend on it. */
final class Terminal {
    private Terminal() {
    }

    static boolean interactive() {
        return System.console() != null;
    }

    /**
     * Reads a password from the terminal without echo.
     *
     * @throws io.pgconverge.model.EngineException when there is no terminal to ask on
     */
    static io.pgconverge.model.Secret askSecret(String prompt) {
        java.io.Console console = System.console();
        if (console == null) {
            throw new io.pgconverge.model.EngineException("--ask-vault-pass needs a terminal; give the password with"
                    + " --vault-password-file FILE instead");
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null || typed.length == 0) {
            throw new io.pgconverge.model.EngineException("no vault password was typed");
        }
        return new io.pgconverge.model.Secret(new String(typed));
    }

    /** ANSI colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
    static boolean color() {
        String noColor = System.getenv("NO_COLOR");
        return interactive() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }
}
