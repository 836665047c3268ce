package io.pgconverge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The git commit a playbook is at, when it is in a git work tree; "+modified" when it has uncommitted changes. */
final class GitCommit {
    private GitCommit() {
    }

    static Optional<String> of(Path playbook) {
        Path file = playbook.toAbsolutePath();
        Path dir = file.getParent();
        Optional<String> head = git(dir, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return Optional.empty();
        }
        boolean clean = git(dir, "status", "--porcelain", "--", file.toString()).map(String::isEmpty).orElse(true);
        return Optional.of(head.get() + (clean ? "" : "+modified"));
    }

    private static Optional<String> git(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = io.pgconverge.transport.ChildEnvironment.clean(new ProcessBuilder(command))
                    .redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
