package io.pgconverge.model;

/**
 * Where a node's PostgreSQL lives: the engine's pg_* host vars with Debian defaults applied.
 *
 * @param version major version in {@link PgMajorVersion}'s encoding (906 for 9.6, 15 for 15)
 * @param configDir directory holding postgresql.conf and pg_hba.conf (equal to dataDir for an initdb layout)
 */
public record PgLayout(int version, int port, String dataDir, String binDir, String configDir,
                       ServiceManager service, String socketDir) {
}
