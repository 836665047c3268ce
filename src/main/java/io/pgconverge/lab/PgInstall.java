package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The installed PostgreSQL the lab runs: its major version and bin directory. */
public record PgInstall(int version, Path binDir) {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    public Path program(String name) {
        return binDir.resolve(name);
    }

    /**
     * The highest /usr/lib/postgresql/VERSION/bin holding initdb, else {@code pg_config --bindir}.
     *
     * @throws EngineException when no PostgreSQL server is installed
     */
    static PgInstall locate(CommandRunner runner) {
        Optional<PgInstall> debian = highest(versionDirs());
        if (debian.isPresent()) {
            return debian.get();
        }
        Optional<PgInstall> fromPgConfig = fromPgConfig(runner);
        return fromPgConfig.orElseThrow(() -> new EngineException("no PostgreSQL server found (no initdb under "
                + DEBIAN_ROOT + "/*/bin and no pg_config); install it, e.g. apt-get install postgresql"));
    }

    /** Picks the highest version among {@code .../VERSION/bin} directories that hold initdb. */
    static Optional<PgInstall> highest(List<Path> binDirs) {
        return binDirs.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")))
                .flatMap(d -> versionOf(d).map(v -> new PgInstall(v, d)).stream())
                .max(Comparator.comparingInt(PgInstall::version));
    }

    private static Optional<Integer> versionOf(Path binDir) {
        Path versionDir = binDir.getParent();
        String name = versionDir == null ? "" : versionDir.getFileName().toString();
        try {
            return Optional.of((int) Double.parseDouble(name));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Path> versionDirs() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(DEBIAN_ROOT)) {
            return s.map(d -> d.resolve("bin")).collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<PgInstall> fromPgConfig(CommandRunner runner) {
        if (!runner.available("pg_config")) {
            return Optional.empty();
        }
        String bin = runner.run(List.of("pg_config", "--bindir")).stdout().strip();
        String version = runner.run(List.of("pg_config", "--version")).stdout().strip();
        String[] words = version.split("\\s+");
        if (bin.isEmpty() || words.length < 2 || !Files.isExecutable(Path.of(bin, "initdb"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PgInstall((int) Double.parseDouble(words[1].replaceAll("[^0-9.].*", "")),
                    Path.of(bin)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
