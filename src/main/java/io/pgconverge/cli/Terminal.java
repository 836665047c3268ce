package io.pgconverge.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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

    /** Columns of the terminal: from {@code stty size} on /dev/tty, else $COLUMNS, else 80. */
    static int width() {
        String columns = System.getenv("COLUMNS");
        int fallback = columns != null && columns.matches("[1-9]\\d{0,3}") ? Integer.parseInt(columns) : 80;
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && out.matches("\\d+ [1-9]\\d{0,3}")) {
                return Integer.parseInt(out.substring(out.indexOf(' ') + 1));
            }
        } catch (IOException e) {
            return fallback; // no stty, or no /dev/tty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fallback;
    }

    /** ANSI colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
    static boolean color() {
        String noColor = System.getenv("NO_COLOR");
        return interactive() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }
}
