package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.util.Map;
import java.util.Properties;

/**
 * What a lab is made of: how many nodes, which PostgreSQL (and so which Debian release), and its subnet index K,
 * which gives the nodes 127.1.K.N, the bridge pgclabK and namespaces pgcK-nodeN, so that several labs coexist.
 */
public record LabSettings(int nodes, int pgVersion, int subnet) {
    public static final int MAX_NODES = 250;
    public static final int MAX_SUBNET = 99;
    public static final int DEFAULT_NODES = 3;
    public static final int DEFAULT_PG_VERSION = 15;
    public static final int DEFAULT_SUBNET = 0;

    public LabSettings {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new EngineException("the lab has 1 to " + MAX_NODES + " nodes, not " + nodes);
        }
        if (subnet < 0 || subnet > MAX_SUBNET) {
            throw new EngineException("the lab's subnet index is 0 to " + MAX_SUBNET + ", not " + subnet);
        }
        DebianRelease.shipping(pgVersion);
    }

    public static LabSettings defaults() {
        return new LabSettings(DEFAULT_NODES, DEFAULT_PG_VERSION, DEFAULT_SUBNET);
    }

    public DebianRelease release() {
        return DebianRelease.shipping(pgVersion);
    }

    public LabSettings withNodes(int count) {
        return new LabSettings(count, pgVersion, subnet);
    }

    /** The settings as the lab directory records them. */
    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("pg_version", Integer.toString(pgVersion));
        p.setProperty("subnet", Integer.toString(subnet));
        return p;
    }

    static LabSettings fromProperties(Map<Object, Object> p) {
        try {
            return new LabSettings(Integer.parseInt((String) p.get("nodes")),
                    Integer.parseInt((String) p.get("pg_version")), Integer.parseInt((String) p.get("subnet")));
        } catch (RuntimeException e) {
            throw new EngineException("the lab's settings file is damaged (" + e.getMessage() + "); remove the lab"
                    + " with lab down --purge", e);
        }
    }
}
