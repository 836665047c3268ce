package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a lab is made of: how many nodes, which PostgreSQL (and so which Debian release), and its subnet index K,
 * which gives the nodes 127.1.K.N, the bridge pgclabK and namespaces pgcK-nodeN, so that several labs coexist.
 * A mixed lab gives some nodes another major version ({@code nodeVersions}, e.g. node3 17 in a lab of 15), and so
 * the Debian release that ships it.
 */
public record LabSettings(int nodes, int pgVersion, int subnet, Map<String, Integer> nodeVersions) {
    public static final int MAX_NODES = 250;
    public static final int MAX_SUBNET = 99;
    public static final int DEFAULT_NODES = 3;
    public static final int DEFAULT_PG_VERSION = 15;
    public static final int DEFAULT_SUBNET = 0;
    private static final Pattern NODE = Pattern.compile("node([1-9][0-9]*)");
    private static final String NODE_VERSION_KEY = "node_version.";

    public LabSettings {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new EngineException("the lab has 1 to " + MAX_NODES + " nodes, not " + nodes);
        }
        if (subnet < 0 || subnet > MAX_SUBNET) {
            throw new EngineException("the lab's subnet index is 0 to " + MAX_SUBNET + ", not " + subnet);
        }
        DebianRelease.shipping(pgVersion);
        TreeMap<String, Integer> differing = new TreeMap<>();
        for (Map.Entry<String, Integer> e : nodeVersions.entrySet()) {
            Matcher m = NODE.matcher(e.getKey());
            if (!m.matches() || Integer.parseInt(m.group(1)) > nodes) {
                throw new EngineException("the lab's nodes are node1 to node" + nodes + "; " + e.getKey()
                        + " cannot have a version of its own");
            }
            DebianRelease.shipping(e.getValue());
            if (e.getValue() != pgVersion) {
                differing.put(e.getKey(), e.getValue());
            }
        }
        nodeVersions = Collections.unmodifiableMap(differing);
    }

    /** A lab whose nodes all run {@code pgVersion}. */
    public LabSettings(int nodes, int pgVersion, int subnet) {
        this(nodes, pgVersion, subnet, Map.of());
    }

    public static LabSettings defaults() {
        return new LabSettings(DEFAULT_NODES, DEFAULT_PG_VERSION, DEFAULT_SUBNET);
    }

    /** The release of the lab's own version; {@link #releaseOf} for a node's. */
    public DebianRelease release() {
        return DebianRelease.shipping(pgVersion);
    }

    /** The PostgreSQL major version of {@code node}: its own in a mixed lab, else the lab's. */
    public int pgVersionOf(String node) {
        return nodeVersions.getOrDefault(node, pgVersion);
    }

    public DebianRelease releaseOf(String node) {
        return DebianRelease.shipping(pgVersionOf(node));
    }

    /** Every release the lab's nodes are, the lab's own first. */
    public Set<DebianRelease> releases() {
        Set<DebianRelease> releases = new LinkedHashSet<>();
        releases.add(release());
        nodeVersions.values().forEach(v -> releases.add(DebianRelease.shipping(v)));
        return releases;
    }

    public LabSettings withNodes(int count) {
        return new LabSettings(count, pgVersion, subnet, nodeVersions);
    }

    /** The settings as the lab directory records them. */
    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("pg_version", Integer.toString(pgVersion));
        p.setProperty("subnet", Integer.toString(subnet));
        nodeVersions.forEach((node, version) -> p.setProperty(NODE_VERSION_KEY + node, Integer.toString(version)));
        return p;
    }

    static LabSettings fromProperties(Map<Object, Object> p) {
        try {
            Map<String, Integer> nodeVersions = new TreeMap<>();
            p.forEach((k, v) -> {
                if (((String) k).startsWith(NODE_VERSION_KEY)) {
                    nodeVersions.put(((String) k).substring(NODE_VERSION_KEY.length()), Integer.parseInt((String) v));
                }
            });
            return new LabSettings(Integer.parseInt((String) p.get("nodes")),
                    Integer.parseInt((String) p.get("pg_version")), Integer.parseInt((String) p.get("subnet")),
                    nodeVersions);
        } catch (RuntimeException e) {
            throw new EngineException("the lab's settings file is damaged (" + e.getMessage() + "); remove the lab"
                    + " with lab down --purge", e);
        }
    }
}
