package io.pgconverge.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Looks for secret values where they must never be: in the command line and environment of every process of this
 * machine (the controller and the lab nodes), sampled continuously while something runs, and in files. The
 * pgconverge process's own environment is where the operator hands it {@code env:} secrets, so only its command line
 * is searched; the same holds for the JVM's spawn helper, the pgconverge process itself for the instant before it
 * executes a child (whose environment is then the clean one).
 */
final class SecretScan implements AutoCloseable {
    private final List<String> secrets;
    private final List<String> found = new ArrayList<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean stop;

    private SecretScan(Collection<String> secrets) {
        this.secrets = List.copyOf(secrets);
        this.sampler = new Thread(this::sampleUntilClosed, "secret-sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling every process's command line and environment, about every 20 ms. */
    static SecretScan sampling(Collection<String> secrets) {
        SecretScan scan = new SecretScan(secrets);
        scan.sampler.start();
        return scan;
    }

    private void sampleUntilClosed() {
        while (!stop) {
            sampleOnce();
            samples.incrementAndGet();
            LabSql.sleep(20);
        }
    }

    private void sampleOnce() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline = read(p.resolve("cmdline"));
                check("command line of " + p.getFileName() + " (" + cmdline.replace('\0', ' ').strip() + ")", cmdline);
                if (!cmdline.contains("pgconverge.jar") && !cmdline.contains("/jspawnhelper")) {
                    check("environment of " + p.getFileName() + " (" + cmdline.replace('\0', ' ').strip() + ")",
                            read(p.resolve("environ")));
                }
            }
        } catch (IOException e) {
            // /proc changes while it is listed
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return ""; // the process ended
        }
    }

    private void check(String where, String text) {
        for (String s : secrets) {
            if (text.contains(s)) {
                synchronized (found) {
                    found.add(where);
                }
            }
        }
    }

    /**
     * Searches every regular file under {@code roots} now, but those whose path ends with {@code designed}, in chunks
     * (a secret split between two chunks is found too); returns how many files were searched.
     */
    int files(List<Path> roots, String designed) {
        int searched = 0;
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(designed)).toList()) {
                    searchFile(f);
                    searched++;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // a directory that went away while walked
            }
        }
        return searched;
    }

    private void searchFile(Path f) {
        int overlap = secrets.stream().mapToInt(String::length).max().orElse(1);
        byte[] chunk = new byte[1 << 20];
        String tail = "";
        try (java.io.InputStream in = Files.newInputStream(f)) {
            for (int n = in.readNBytes(chunk, 0, chunk.length); n > 0; n = in.readNBytes(chunk, 0, chunk.length)) {
                String text = tail + new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
                check("file " + f, text);
                tail = text.substring(Math.max(0, text.length() - overlap));
            }
        } catch (IOException e) {
            // a file that went away while searched
        }
    }

    void text(String where, String text) {
        check(where, text);
    }

    int samples() {
        return samples.get();
    }

    List<String> found() {
        synchronized (found) {
            return List.copyOf(found);
        }
    }

    @Override
    public void close() {
        stop = true;
        try {
            sampler.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
