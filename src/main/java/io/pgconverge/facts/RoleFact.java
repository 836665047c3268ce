package io.pgconverge.facts;

import java.util.Optional;

/**
 * A role as the server has it.
 *
 * @param passwordKind "none", "scram-sha-256", "md5" or "plain"
 * @param scram the stored verifier when passwordKind is scram-sha-256
 * @param md5Check the MD5 of the stored verifier when passwordKind is md5 (the verifier itself, enough to log in
 *                 with, never leaves the server)
 */
public record RoleFact(String name, boolean superuser, boolean login, boolean replication, boolean createdb,
                       boolean createrole, int connectionLimit, String passwordKind,
                       Optional<ScramVerifier> scram, Optional<String> md5Check) {
}
