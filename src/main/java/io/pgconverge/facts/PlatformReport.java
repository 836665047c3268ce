package io.pgconverge.facts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The distribution part of the facts script: whether Debian's pg_ctlcluster is installed and which clusters
 * /etc/postgresql holds ({@code debian_clusters=15/main 16/main}), read back from the script's output.
 */
final class PlatformReport {
    static final String SCRIPT = """
            if command -v pg_ctlcluster >/dev/null 2>&1; then echo pg_ctlcluster=1; else echo pg_ctlcluster=0; fi
            clusters=''
            for c in /etc/postgresql/*/*/postgresql.conf; do
              [ -f "$c" ] || continue
              d=${c%/postgresql.conf}; clusters="$clusters ${d#/etc/postgresql/}"
            done
            printf 'debian_clusters=%s\\n' "${clusters# }"
            """;

    private PlatformReport() {
    }

    /** The platform facts in the script's output; the become refusals are the gatherer's to add. */
    static PlatformFacts parse(String output) {
        Optional<Boolean> pgCtlCluster = value(output, "pg_ctlcluster").map("1"::equals);
        List<String> clusters = value(output, "debian_clusters").filter(v -> !v.isBlank())
                .map(v -> Arrays.asList(v.strip().split("\\s+"))).orElse(List.of());
        return new PlatformFacts(Optional.empty(), Optional.empty(), pgCtlCluster, clusters);
    }

    private static Optional<String> value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + "=")).findFirst().map(l -> l.substring(key.length() + 1));
    }
}
