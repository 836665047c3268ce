package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian mirror this machine's apt already uses, read from /etc/apt/sources.list and sources.list.d
 * (one-line and deb822 formats): the first {@code deb} URI whose path ends in {@code /debian}.
 */
final class AptMirror {
    static final Path SOURCES = Path.of("/etc/apt");

    private AptMirror() {
    }

    static String ofThisMachine() {
        List<String> texts = new ArrayList<>();
        for (Path file : sourceFiles(SOURCES)) {
            try {
                texts.add(Files.readString(file));
            } catch (IOException e) {
                // an unreadable sources file cannot name the mirror
            }
        }
        return texts.stream().map(AptMirror::debianMirror).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new EngineException("no Debian mirror found in " + SOURCES + "/sources.list*;"
                        + " the lab builds its Debian systems from the mirror apt uses"));
    }

    /** The first Debian mirror a sources file names, in either format. */
    static Optional<String> debianMirror(String sources) {
        for (String raw : sources.split("\n")) {
            String line = raw.strip();
            List<String> uris = new ArrayList<>();
            if (line.startsWith("deb ")) {
                Stream.of(line.split("\\s+")).skip(1).filter(w -> w.contains("://")).findFirst().ifPresent(uris::add);
            } else if (line.startsWith("URIs:")) {
                uris.addAll(List.of(line.substring(5).strip().split("\\s+")));
            }
            for (String uri : uris) {
                String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
                if (trimmed.endsWith("/debian")) {
                    return Optional.of(trimmed);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> sourceFiles(Path apt) {
        List<Path> files = new ArrayList<>();
        files.add(apt.resolve("sources.list"));
        try (Stream<Path> dir = Files.list(apt.resolve("sources.list.d"))) {
            dir.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources")).sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            // no sources.list.d
        }
        return files.stream().filter(Files::isRegularFile).toList();
    }
}
