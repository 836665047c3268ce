package io.pgconverge.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Admin users of this machine for the become tests: created once, with their sudoers file; idempotent. */
final class OsUsers {
    private OsUsers() {
    }

    /**
     * @param password the user's password, or empty for none (then sudo must not ask)
     * @param sudoers  the user's line in /etc/sudoers.d, or empty for no sudo rights
     */
    static void ensure(String user, String password, String sudoers) throws IOException {
        if (run(List.of("id", "-u", user), "") != 0) {
            check(run(List.of("useradd", "-m", "-s", "/bin/bash", user), ""), "useradd " + user);
        }
        if (!password.isEmpty()) {
            check(run(List.of("chpasswd"), user + ":" + password + "\n"), "chpasswd " + user);
        }
        Path file = Path.of("/etc/sudoers.d/pgconverge-it-" + user);
        if (sudoers.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.writeString(file, sudoers + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        check(run(List.of("visudo", "-c", "-q", "-f", file.toString()), ""), "visudo " + file);
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException(what + " failed with exit status " + status);
        }
    }

    private static int run(List<String> command, String stdin) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
