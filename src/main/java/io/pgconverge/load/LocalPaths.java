package io.pgconverge.load;

import java.nio.file.Path;

/** Paths on the operator's machine: a leading ~ is the operator's home directory. */
final class LocalPaths {
    private final Path home;

    LocalPaths(Path home) {
        this.home = home;
    }

    String expand(String path) {
        String p = path.strip();
        if (p.equals("~")) {
            return home.toString();
        }
        return p.startsWith("~/") ? home.resolve(p.substring(2)).toString() : p;
    }
}
