package io.pgconverge.lab;

import io.pgconverge.model.EngineException;
import io.pgconverge.transport.CommandResult;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab's local programs (initdb, pg_ctl, ssh-keygen, sshd) with an argument list, no shell. Output
 * goes to temporary files rather than pipes, so a daemon that keeps a descriptor open cannot hang the lab.
 * The environment is cleaned of PG* variables, which would otherwise steer initdb and pg_ctl.
 */
final class CommandRunner {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private final Path workDir;
    private final LabUser user;

    CommandRunner(Path workDir, LabUser user) {
        this.workDir = workDir;
        this.user = user;
    }

    /** A runner for commands before the lab user is known. */
    static CommandRunner plain() {
        return new CommandRunner(Path.of("/"), null);
    }

    CommandRunner withUser(LabUser labUser, Path dir) {
        return new CommandRunner(dir, labUser);
    }

    CommandResult run(List<String> argv) {
        return run(argv, DEFAULT_TIMEOUT);
    }

    /** Runs a command as the OS user the nodes run as. */
    CommandResult runAsNodeUser(List<String> argv, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (user != null && user.switches()) {
            full.addAll(List.of("runuser", "-u", user.nodeUser(), "--"));
        }
        full.addAll(argv);
        return run(full, timeout);
    }

    CommandResult run(List<String> argv, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pgconverge-lab-", ".out");
            err = Files.createTempFile("pgconverge-lab-", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            cleanEnvironment(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new EngineException(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running " + argv.get(0), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** True when a program of that name is on the PATH (or is an existing absolute path). */
    boolean available(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }
}
