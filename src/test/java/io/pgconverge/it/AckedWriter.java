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
 * A client writing continuously over one connection: autocommit inserts of increasing ids into {@code it_load}, each
 * id recorded with its time once the server acknowledged its commit. Written to one node, it stops once that node
 * takes no more writes (down, or a standby now); written to the cluster ({@link #startOnPrimary}), it reconnects
 * to whichever node is primary (libpq-style multi-host URL, targetServerType=primary) and keeps going.
 */
final class AckedWriter implements AutoCloseable {
    private static final long GIVE_UP_MILLIS = 3000;

    private final String url;
    private final String name;
    private final long giveUpMillis;
    private final Properties login = new Properties();
    private final List<Long> acknowledged = new ArrayList<>();
    private final List<Long> ackedAtNanos = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile String lastError = "";
    private long next;

    private AckedWriter(String url, String name, long giveUpMillis, String password, long firstId) {
        this.url = url;
        this.name = name;
        this.giveUpMillis = giveUpMillis;
        this.next = firstId;
        login.setProperty("user", "postgres");
        login.setProperty("password", password);
        login.setProperty("connectTimeout", "2");
        login.setProperty("socketTimeout", "10");
        thread = new Thread(this::write, "acked-writer-" + name);
        thread.setDaemon(true);
    }

    /** Starts writing ids from {@code firstId} on; the table must exist. */
    static AckedWriter start(LabNode node, String password, long firstId) {
        AckedWriter w = new AckedWriter("jdbc:postgresql://" + node.address() + ":" + node.port() + "/postgres",
                node.name(), GIVE_UP_MILLIS, password, firstId);
        w.thread.start();
        return w;
    }

    /** Writes to whichever of {@code nodes} is the primary, across switchovers, until closed. */
    static AckedWriter startOnPrimary(List<LabNode> nodes, String password, long firstId) {
        String hosts = String.join(",", nodes.stream().map(n -> n.address() + ":" + n.port()).toList());
        AckedWriter w = new AckedWriter("jdbc:postgresql://" + hosts + "/postgres?targetServerType=primary",
                "primary", Long.MAX_VALUE, password, firstId);
        w.thread.start();
        return w;
    }

    private void write() {
        long failingSince = 0;
        while (!stop) {
            try (Connection c = DriverManager.getConnection(url, login); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO it_load(id, note) VALUES (?, 'acked')")) {
                failingSince = 0;
                while (!stop) {
                    insert.setLong(1, next);
                    insert.executeUpdate();
                    synchronized (acknowledged) {
                        acknowledged.add(next);
                        ackedAtNanos.add(System.nanoTime());
                    }
                    next++;
                }
            } catch (SQLException e) {
                lastError = e.getMessage();
                next++;
                failingSince = failingSince == 0 ? System.currentTimeMillis() : failingSince;
                if (System.currentTimeMillis() - failingSince > giveUpMillis) {
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
                throw new AssertionError("only " + count() + " acknowledged writes on " + name + ": " + lastError);
            }
            LabSql.sleep(50);
        }
    }

    List<Long> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** The longest time between two consecutive acknowledged commits, in milliseconds. */
    long longestGapMillis() {
        synchronized (acknowledged) {
            long longest = 0;
            for (int i = 1; i < ackedAtNanos.size(); i++) {
                longest = Math.max(longest, ackedAtNanos.get(i) - ackedAtNanos.get(i - 1));
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
