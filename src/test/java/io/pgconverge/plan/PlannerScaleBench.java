package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.Host;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.plan.config.ResolvedSecrets;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The planner at scale, on synthetic facts (no lab, no I/O in what is timed): one cluster of 10, 25 and 50
 * nodes, and 250, 500 and 1000 clusters of 3 nodes planned one after the other in this process. Each case
 * plans twice over the same facts: converged facts (the no-op plan) and fresh facts (every node a new
 * primary of its own, so the standbys are rebuilt: the largest plan). Prints the wall and CPU time of the planning only
 * (the facts are built before the clock starts), the heap in use after a full GC with every plan still held,
 * and the process's peak RSS (VmHWM) at the end. The clusters of one case share one facts value (building
 * SCRAM verifiers for every node of 1000 clusters would take longer than planning them); the planner keeps
 * nothing from one plan to the next, so each plan does all of its work again. The first case runs on a cold JVM, as the CLI always does;
 * the figures of the later cases are warmer. A case {@code 1000x3-nopw} has roles without passwords. Run with
 * {@code bench/planner-scale}.
 */
public final class PlannerScaleBench {
    private static final int VERSION = 15;

    private PlannerScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> cases = args.length > 0 ? List.of(args)
                : List.of("1000x3", "1x10", "1x25", "1x50", "250x3", "500x3", "1000x3", "1000x3-nopw");
        System.out.printf("%-8s %-9s %6s %10s %10s %9s %14s %12s%n", "case", "facts", "nodes", "wall ms", "CPU ms", "tasks",
                "heap after GC", "peak RSS");
        for (String c : cases) {
            boolean passwords = !c.endsWith("-nopw");
            String[] parts = c.replace("-nopw", "").split("x");
            int clusters = Integer.parseInt(parts[0]);
            int size = Integer.parseInt(parts[1]);
            run(c, "converged", clusters, cluster(size, passwords), true);
            run(c, "fresh", clusters, cluster(size, passwords), false);
        }
    }

    private static void run(String label, String kind, int clusters, Cluster cluster, boolean converged)
            throws Exception {
        Planner planner = FactsFixtures.planner();
        ResolvedSecrets secrets = FactsFixtures.secrets();
        int size = cluster.members().size();
        ClusterFacts shape = converged ? FactsFixtures.converged(cluster, secrets) : fresh(cluster);
        List<ClusterFacts> facts = Collections.nCopies(clusters, shape);
        List<Plan> plans = new ArrayList<>(clusters);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (ClusterFacts f : facts) {
            plans.add(planner.plan(cluster, f, secrets));
        }
        long nanos = System.nanoTime() - start;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        int tasks = plans.stream().mapToInt(p -> p.tasks().size()).sum();
        System.out.printf("%-8s %-9s %6d %10.1f %10.1f %9d %11.1f MB %9d MB%n", label, kind, clusters * size,
                nanos / 1e6, cpuNanos / 1e6, tasks, heapAfterGc() / 1048576.0, peakRssKb() / 1024);
        if (converged && (tasks != 0 || plans.stream().anyMatch(Plan::refused))) {
            throw new IllegalStateException(label + ": the plan of converged facts is not empty or refused");
        }
    }

    /**
     * One cluster of {@code size} nodes, node1 the desired primary; every other node streams from it. Without
     * {@code passwords} the roles have none, which leaves out the SCRAM computations (PBKDF2, 4096 iterations)
     * of checking or setting each role's password.
     */
    static Cluster cluster(int size, boolean passwords) {
        List<Host> hosts = IntStream.rangeClosed(1, size)
                .mapToObj(n -> FactsFixtures.host(n, VERSION, ServiceManager.PG_CTL)).toList();
        List<RoleSpec> roles = FactsFixtures.roles().stream().map(r -> passwords ? r : new RoleSpec(r.name(),
                r.login(), r.superuser(), r.replication(), r.createdb(), r.createrole(), r.connectionLimit(),
                Optional.empty())).toList();
        DesiredState desired = FactsFixtures.desired(VERSION, FactsFixtures.settings(), roles, Optional.empty());
        return new Cluster(desired, hosts);
    }

    /** Every node a freshly initialised, running primary of its own: the primary is configured, the rest rebuilt. */
    private static ClusterFacts fresh(Cluster cluster) {
        return FactsFixtures.facts(cluster.members().stream().map(h -> FactsFixtures.node(h).build())
                .toArray(NodeFacts[]::new));
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
