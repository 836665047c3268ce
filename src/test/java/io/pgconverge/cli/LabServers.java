package io.pgconverge.cli;

import io.pgconverge.testing.Commands;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.lab.LabNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the tests check pgconverge's output against, read without pgconverge: pg_controldata and psql run inside
 * the node as postgres. Also stops and starts a lab node's server the way the lab does (pg_ctlcluster).
 */
final class LabServers {
    private final RunningLab lab;

    LabServers(RunningLab lab) {
        this.lab = lab;
    }

    /** Secrets for the lab playbook, unique per run so that the output can be searched for them. */
    static java.util.Map<String, String> secrets() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return java.util.Map.of("PGC_REPL_PASSWORD", "repl-" + run + "-Secret",
                "PGC_POSTGRES_PASSWORD", "pg-" + run + "-Secret", "PGC_PGPOOL_PASSWORD", "pool-" + run + "-Secret");
    }

    String systemIdentifier(LabNode node) {
        String out = asPostgres(node, node.binDir() + "/pg_controldata", node.dataDir().toString());
        return out.lines().filter(l -> l.startsWith("Database system identifier:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElseThrow(() -> new AssertionError(out));
    }

    String clusterState(LabNode node) {
        String out = asPostgres(node, node.binDir() + "/pg_controldata", node.dataDir().toString());
        return out.lines().filter(l -> l.startsWith("Database cluster state:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElseThrow(() -> new AssertionError(out));
    }

    /** {@code psql -c sql} inside the node over its socket with peer authentication; the single value it prints. */
    String psql(LabNode node, String sql) {
        return asPostgres(node, node.binDir() + "/psql", "-X", "-A", "-t", "-h", node.runDir().toString(), "-p",
                Integer.toString(node.port()), "-d", "postgres", "-c", sql).strip();
    }

    boolean inRecovery(LabNode node) {
        return psql(node, "SELECT pg_is_in_recovery()").equals("t");
    }

    boolean running(LabNode node) {
        return lab.lab().postmasterPid(node).isPresent();
    }

    void stop(LabNode node) {
        Commands.run(lab.inNode(node, "root", List.of("pg_ctlcluster", "--mode", "fast",
                Integer.toString(node.pgVersion()), "main", "stop")));
    }

    /** Starts the node as lab up does; falls back to lab up itself, which restarts every stopped node. */
    void start(LabNode node) {
        try {
            Commands.run(lab.inNode(node, "root", List.of("pg_ctlcluster", Integer.toString(node.pgVersion()), "main",
                    "start")));
        } catch (RuntimeException e) {
            lab.lab().up(lab.nodes().size());
        }
    }

    private String asPostgres(LabNode node, String... command) {
        List<String> c = new ArrayList<>(List.of("env", "LC_ALL=C"));
        c.addAll(List.of(command));
        return Commands.run(lab.inNode(node, "postgres", c));
    }
}
