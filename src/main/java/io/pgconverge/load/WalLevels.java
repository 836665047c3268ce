package io.pgconverge.load;

import io.pgconverge.model.PgMajorVersion;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** wal_level's values changed in 9.6 (archive and hot_standby became replica); checked per version. */
final class WalLevels {
    private static final List<String> BEFORE_96 = List.of("minimal", "archive", "hot_standby", "logical");
    private static final List<String> FROM_96 = List.of("minimal", "replica", "logical");
    private static final List<String> OLD_ALIASES = List.of("archive", "hot_standby");

    private WalLevels() {
    }

    static Optional<String> problem(String value, int version) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        boolean old = !PgMajorVersion.atLeast(version, 906);
        if (old && v.equals("replica")) {
            return Optional.of("wal_level replica needs PostgreSQL 9.6 or later; PostgreSQL 9.5 calls it hot_standby");
        }
        List<String> valid = old ? BEFORE_96 : FROM_96;
        if (valid.contains(v) || !old && OLD_ALIASES.contains(v)) {
            return Optional.empty();
        }
        return Optional.of("wal_level must be one of " + String.join(", ", valid) + ", found '" + value + "'");
    }
}
