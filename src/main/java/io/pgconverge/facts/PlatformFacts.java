package io.pgconverge.facts;

import java.util.List;
import java.util.Optional;

/**
 * How the engine reaches a node's PostgreSQL and which distribution tools it has: whether scripts run as the
 * PostgreSQL user and as root through the host's become settings, whether Debian's pg_ctlcluster is installed, and
 * the Debian clusters it has ({@code /etc/postgresql/VERSION/NAME}).
 *
 * @param serverUserRefusal why scripts cannot run as the PostgreSQL user (then nothing else could be read)
 * @param rootRefusal       why scripts cannot run as root; empty when they can or when it was not asked
 * @param pgCtlCluster      {@code pg_ctlcluster} is on the PATH; empty when not known
 * @param debianClusters    "VERSION/NAME" of every directory under /etc/postgresql holding a postgresql.conf
 */
public record PlatformFacts(Optional<String> serverUserRefusal, Optional<String> rootRefusal,
                            Optional<Boolean> pgCtlCluster, List<String> debianClusters) {
    public PlatformFacts {
        debianClusters = List.copyOf(debianClusters);
    }

    /** Nothing was read. */
    public static PlatformFacts unknown() {
        return new PlatformFacts(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** Scripts could not run as the PostgreSQL user at all. */
    public static PlatformFacts refused(String refusal) {
        return new PlatformFacts(Optional.of(refusal), Optional.empty(), Optional.empty(), List.of());
    }
}
