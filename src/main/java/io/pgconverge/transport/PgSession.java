package io.pgconverge.transport;

import java.util.List;

/**
 * A session with one node's PostgreSQL server as its administrative role. Implementations: psql run
 * through the node's {@link RemoteShell} (peer authentication over the local socket, SQL on stdin) and
 * JDBC.
 */
public interface PgSession extends AutoCloseable {
    /** Runs a query that returns one row of one column (e.g. a JSON document) and returns that text. */
    String queryValue(String sql);

    /** Runs statements in order, each on its own (no transaction around them: ALTER SYSTEM can't be in one). */
    void execute(List<String> statements);

    @Override
    void close();
}
