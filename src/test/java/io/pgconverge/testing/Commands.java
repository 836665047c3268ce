package io.pgconverge.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the machine for a test's own checks and set-up: output and errors together, or a failure. */
public final class Commands {
    private static final long TIMEOUT_SECONDS = 120;

    private Commands() {
    }

    public static String run(List<String> command) {
        return run(command, "");
    }

    /** Runs {@code command} in / with {@code stdin} on its standard input; fails unless it exits 0. */
    public static String run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
