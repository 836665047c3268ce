package io.pgconverge.transport;

import io.pgconverge.model.Host;
import io.pgconverge.model.Secret;

import java.time.Duration;
import java.util.Optional;

/** Opens a session with a node's PostgreSQL server, given the node's open shell. */
@FunctionalInterface
public interface PgSessionOpener {
    PgSession open(Host host, RemoteShell shell);

    /**
     * psql from the node's binaries directory over its local socket, as the shell's OS user (peer), with the
     * admin role's password in a temporary passfile when one is given.
     */
    static PgSessionOpener psql(Optional<Secret> adminPassword, Duration queryTimeout) {
        return (host, shell) -> new PsqlPgSession(shell, host.pg().binDir() + "/psql", host.pg().socketDir(),
                host.pg().port(), adminPassword, queryTimeout);
    }
}
