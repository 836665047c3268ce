package io.pgconverge.it;

import io.pgconverge.lab.LabNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A client writing continuously to one node: autocommit inserts of increasing ids into {@code it_load}, each id
 * recorded once the server acknowledged its commit. On an error it reconnects for a while; once the node takes
 * no more writes (down, or a standby now) it stops.
 */
final class AckedWriter implements AutoCloseable {
    private static final long GIVE_UP_MILLIS = 3000;

    private final LabNode node;
    private final Properties login = new Properties();
    private final List<Long> acknowledged = new ArrayList<>();
    private final List<Long> ackedAt = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile String lastError = "";
    private long next;

    private AckedWriter(LabNode node, String password, long firstId) {
        this.node = node;
        this.next = firstId;
        login.setProperty("user", "postgres");
        login.setProperty("password", password);
        login.setProperty("connectTimeout", "2");
        login.setProperty("socketTimeout", "10");
        thread = new Thread(this::write, "acked-writer-" + node.name());
        thread.setDaemon(true);
    }

    /** Starts writing ids from {@code firstId} on; the table must exist. */
    static AckedWriter start(LabNode node, String password, long firstId) {
        AckedWriter w = new AckedWriter(node, password, firstId);
        w.thread.start();
        return w;
    }

    private void write() {
        long failingSince = 0;
        while (!stop) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + node.address() + ":" + node.port()
                    + "/postgres", login); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO it_load(id, note) VALUES (?, 'acked')")) {
                failingSince = 0;
                while (!stop) {
                    insert.setLong(1, next);
                    insert.executeUpdate();
                    synchronized (acknowledged) {
                        acknowledged.add(next);
                        ackedAt.add(System.nanoTime());
                    }
                    next++;
                }
            } catch (SQLException e) {
                lastError = e.getMessage();
                next++;
                failingSince = failingSince == 0 ? System.currentTimeMillis() : failingSince;
                if (System.currentTimeMillis() - failingSince > GIVE_UP_MILLIS) {
                    return;
                }
                LabSql.sleep(100);
            }
        }
    }

    int count() {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    /** Waits until at least {@code n} commits were acknowledged. */
    void awaitAcks(int n, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (count() < n) {
            if (System.currentTimeMillis() > deadline || !thread.isAlive()) {
                throw new AssertionError("only " + count() + " acknowledged writes on " + node.name() + ": " + lastError);
            }
            LabSql.sleep(50);
        }
    }

    List<Long> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** The longest time between two acknowledged commits: how long the node took no writes. */
    long longestPauseMillis() {
        synchronized (acknowledged) {
            long longest = 0;
            for (int i = 1; i < ackedAt.size(); i++) {
                longest = Math.max(longest, ackedAt.get(i) - ackedAt.get(i - 1));
            }
            return longest / 1_000_000;
        }
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join(15000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
