package io.pgconverge.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's /proc says about processes: whether a pid is a live process (zombies are not), its
 * program, working directory and parent. The lab identifies its own processes with it before it signals
 * any of them.
 */
final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    /** True when the pid exists and is not a zombie. */
    boolean live(long pid) {
        if (pid <= 0) {
            return false;
        }
        Optional<String> stat = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
        if (stat.isEmpty()) {
            return false;
        }
        String s = stat.get();
        int close = s.lastIndexOf(')');
        if (close < 0 || close + 2 >= s.length()) {
            return false;
        }
        char state = s.charAt(close + 2);
        return state != 'Z' && state != 'X';
    }

    /**
     * Waits up to {@code millis} until none of the pids is left in /proc, not even as a zombie that the
     * machine's init has yet to reap (which ps would still show); true when all are gone.
     */
    boolean awaitGone(List<Long> pids, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (pids.stream().anyMatch(p -> Files.exists(PROC.resolve(Long.toString(p))))) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The parent pid, when the process exists. */
    OptionalLong parent(long pid) {
        Optional<String> stat = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
        if (stat.isEmpty()) {
            return OptionalLong.empty();
        }
        String s = stat.get();
        String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
        try {
            return OptionalLong.of(Long.parseLong(rest[1]));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The short program name (comm). */
    String comm(long pid) {
        return read(PROC.resolve(Long.toString(pid)).resolve("comm")).map(String::strip).orElse("");
    }

    /** The command line, arguments separated by spaces. */
    String commandLine(long pid) {
        return read(PROC.resolve(Long.toString(pid)).resolve("cmdline"))
                .map(s -> s.replace('\0', ' ').strip()).orElse("");
    }

    Optional<Path> cwd(long pid) {
        return link(PROC.resolve(Long.toString(pid)).resolve("cwd"));
    }

    Optional<Path> exe(long pid) {
        return link(PROC.resolve(Long.toString(pid)).resolve("exe"));
    }

    /** Live processes whose working directory is {@code dir}: a PostgreSQL server's processes sit in its data directory. */
    List<Long> withWorkingDirectory(Path dir) {
        List<Long> found = new ArrayList<>();
        Path real = realPath(dir);
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> cwd(pid).map(real::equals).orElse(false) && live(pid))
                    .forEach(found::add);
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** Live direct children of a process. */
    List<Long> children(long pid) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(c -> parent(c).orElse(-1) == pid && live(c))
                    .forEach(found::add);
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Optional<Path> link(Path p) {
        try {
            return Optional.of(Files.readSymbolicLink(p));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
