package io.pgconverge.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's /proc says about processes: whether a pid is a live process (zombies are not), its program and its
 * root directory. A lab node's processes are exactly those whose root is the node's root filesystem, which is how
 * the lab finds, and only ever signals, its own processes.
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

    /** Waits up to {@code millis} until none of the pids is a live process; true when all are gone. */
    boolean awaitGone(List<Long> pids, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (pids.stream().anyMatch(this::live)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            pause(50);
        }
        return true;
    }

    /** Waits up to {@code millis} until no live process called {@code comm} is left inside {@code root}. */
    void awaitNoneLeft(Path root, String comm, long millis) {
        Path wanted = root.toAbsolutePath().normalize();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline && withRoot(wanted).stream().anyMatch(p -> comm(p).equals(comm))) {
            pause(50);
        }
    }

    /** True when the pid file names a process that is not alive (gone, or a zombie not yet reaped). */
    boolean stale(Path pidFile) {
        long pid = firstNumber(pidFile);
        return pid > 0 && !live(pid);
    }

    /** The short program name (comm). */
    String comm(long pid) {
        return read(PROC.resolve(Long.toString(pid)).resolve("comm")).map(String::strip).orElse("");
    }

    Optional<Path> root(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("root")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Live processes whose root directory is {@code root}: the processes of one lab node. */
    List<Long> withRoot(Path root) {
        Path wanted = root.toAbsolutePath().normalize();
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> root(pid).map(wanted::equals).orElse(false) && live(pid))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The pid in a pid file, when it names a live process called {@code comm} inside {@code root}. */
    OptionalLong pidFileProcess(Path pidFile, Path root, String comm) {
        long pid = firstNumber(pidFile);
        boolean ours = live(pid) && comm(pid).equals(comm)
                && root(pid).map(root.toAbsolutePath().normalize()::equals).orElse(false);
        return ours ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long firstNumber(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return Long.parseLong(first.strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
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
