package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Debian releases a lab node can be, each with the PostgreSQL major version it ships. */
public enum DebianRelease {
    BULLSEYE("bullseye", 13),
    BOOKWORM("bookworm", 15),
    TRIXIE("trixie", 17),
    SID("sid", 18);

    private final String codename;
    private final int pgVersion;

    DebianRelease(String codename, int pgVersion) {
        this.codename = codename;
        this.pgVersion = pgVersion;
    }

    public String codename() {
        return codename;
    }

    public int pgVersion() {
        return pgVersion;
    }

    /** The release whose own PostgreSQL is {@code version}; refuses a version no release ships. */
    public static DebianRelease shipping(int version) {
        return Arrays.stream(values()).filter(r -> r.pgVersion == version).findFirst()
                .orElseThrow(() -> new EngineException("no Debian release of the lab ships PostgreSQL " + version
                        + "; choose one of " + Arrays.stream(values()).map(r -> r.pgVersion + " (" + r.codename + ")")
                        .collect(Collectors.joining(", "))));
    }
}
