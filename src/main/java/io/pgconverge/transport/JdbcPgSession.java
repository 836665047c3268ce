package io.pgconverge.transport;

import io.pgconverge.model.Secret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A session with a PostgreSQL server over JDBC (pgjdbc), either directly to host:port or through a local
 * port forward of an {@link SshjRemoteShell}. The password travels in the connection properties, never in
 * the URL.
 */
public final class JdbcPgSession implements PgSession {
    private final String node;
    private final Connection connection;

    private JdbcPgSession(String node, Connection connection) {
        this.node = node;
        this.connection = connection;
    }

    /** Connects directly to {@code address:port}. */
    public static JdbcPgSession connect(String node, String address, int port, String database, String user,
                                        Secret password, Duration connectTimeout) {
        return open(node, address, port, address + ":" + port, database, user, password, connectTimeout);
    }

    /**
     * Connects through an SSH tunnel: the shell forwards a local port to {@code targetHost:targetPort} as seen
     * from the node. The tunnel closes with the shell.
     */
    public static JdbcPgSession throughTunnel(SshjRemoteShell shell, String targetHost, int targetPort,
                                              String database, String user, Secret password,
                                              Duration connectTimeout) {
        int local = shell.forwardLocalPort(targetHost, targetPort);
        String shown = targetHost + ":" + targetPort + " (through SSH)";
        return open(shell.host(), "127.0.0.1", local, shown, database, user, password, connectTimeout);
    }

    private static JdbcPgSession open(String node, String address, int port, String shown, String database,
                                      String user, Secret password, Duration connectTimeout) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password.reveal());
        props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("ApplicationName", "pgconverge");
        String url = "jdbc:postgresql://" + hostPart(address) + ":" + port + "/" + database;
        try {
            return new JdbcPgSession(node, DriverManager.getConnection(url, props));
        } catch (SQLException e) {
            throw new TransportException(node + ": cannot connect to PostgreSQL at " + shown + " as " + user
                    + ": " + ExceptionText.of(e), e);
        }
    }

    private static String hostPart(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    @Override
    public String queryValue(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new TransportException(node + ": query returned no row: " + leadingKeywords(sql));
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new TransportException(node + ": query failed (" + leadingKeywords(sql) + "): " + ExceptionText.of(e), e);
        }
    }

    @Override
    public void execute(List<String> statements) {
        for (String sql : statements) {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new TransportException(node + ": statement failed (" + leadingKeywords(sql) + "): "
                        + ExceptionText.of(e), e);
            }
        }
    }

    /** The leading keywords of a statement (e.g. "CREATE ROLE"): never its literals, which may be secrets. */
    private static String leadingKeywords(String sql) {
        String[] words = sql.strip().split("\\s+", 3);
        return words.length >= 2 ? words[0] + " " + words[1] : words[0];
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
