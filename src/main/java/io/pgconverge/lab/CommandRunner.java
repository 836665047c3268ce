package io.pgconverge.lab;

import io.pgconverge.model.EngineException;
import io.pgconverge.transport.CommandResult;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab's programs (ip, mount, debootstrap, chroot) with an argument list, no shell. Input and output go
 * through private temporary files rather than pipes, so a daemon that keeps a descriptor open cannot hang the
 * lab. The environment is cleaned of PG* variables and gets a plain C.UTF-8 locale.
 */
final class CommandRunner {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    CommandResult run(List<String> argv) {
        return run(argv, "", DEFAULT_TIMEOUT);
    }

    /** Runs the command and fails with its last line of output unless it succeeds. */
    CommandResult require(List<String> argv, String what) {
        return require(argv, "", DEFAULT_TIMEOUT, what);
    }

    CommandResult require(List<String> argv, String stdin, Duration timeout, String what) {
        CommandResult r = run(argv, stdin, timeout);
        if (!r.ok()) {
            throw new EngineException(what + " failed: " + lastLine(r.stderr().isBlank() ? r.stdout() : r.stderr())
                    + " (" + argv.get(0) + " exited with " + r.exitCode() + ")");
        }
        return r;
    }

    CommandResult run(List<String> argv, String stdin, Duration timeout) {
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = privateTempFile(".in");
            out = privateTempFile(".out");
            err = privateTempFile(".err");
            Files.writeString(in, stdin, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(argv).directory(new File("/"))
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            cleanEnvironment(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new EngineException(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running " + argv.get(0), e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** True when a program of that name is on the PATH. */
    static boolean available(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static Path privateTempFile(String suffix) throws IOException {
        return Files.createTempFile("pgconverge-lab-", suffix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("LC_") || k.equals("LANG"));
        env.put("LANG", "C.UTF-8");
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("DEBIAN_FRONTEND", "noninteractive");
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
