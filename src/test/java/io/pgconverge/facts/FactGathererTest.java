package io.pgconverge.facts;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShell;
import io.pgconverge.transport.ShellOpener;
import io.pgconverge.transport.TransportException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactGathererTest {
    private static final PgSessionOpener PSQL = PgSessionOpener.psql(Optional.empty(), Duration.ofSeconds(5));
    private static final CommandResult PRIMARY_JSON = new CommandResult(0, Fixtures.text("sql-15-primary.json")
            .replace("\n", " ") + "\n", "");

    private static Host host(String name, String address) {
        return Fixtures.host(name, address, ConnectionKind.SSH, Fixtures.debian(15));
    }

    private static GatherOptions options(int forks, Duration connect) {
        return new GatherOptions(forks, connect, Duration.ofSeconds(5));
    }

    @Test
    void gathersEveryNodeInInventoryOrderAndReportsTheDeadOnes() {
        Map<String, ScriptedShell> shells = new ConcurrentHashMap<>();
        ShellOpener opener = (h, timeout) -> {
            switch (h.name()) {
                case "node2" -> throw new TransportException("connection refused");
                case "node3" -> {
                    sleep(20_000);
                    throw new TransportException("too late");
                }
                default -> {
                    ScriptedShell s = ScriptedShell.of(h.name(), Fixtures.text("os-running.txt"), PRIMARY_JSON);
                    shells.put(h.name(), s);
                    return s;
                }
            }
        };
        List<Host> hosts = List.of(host("node1", "10.0.0.1"), host("node2", "10.0.0.2"), host("node3", "10.0.0.3"),
                host("node4", "10.0.0.4"));
        long start = System.nanoTime();
        ClusterFacts facts = new FactGatherer(opener, PSQL, options(10, Duration.ofSeconds(1))).gather(hosts);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(List.of("node1", "node2", "node3", "node4"), List.copyOf(facts.nodes().keySet()));
        NodeFacts node1 = facts.node("node1").orElseThrow();
        assertTrue(node1.reachable());
        assertTrue(node1.running());
        assertTrue(node1.isPrimary());
        assertEquals("10.0.0.1", node1.address());
        assertEquals(Optional.of("15.18"), node1.installedVersion());
        assertEquals(7312345678901234567L, node1.server().orElseThrow().systemIdentifier());
        NodeFacts node2 = facts.node("node2").orElseThrow();
        assertFalse(node2.reachable());
        assertEquals(Optional.of("connection refused"), node2.unreachableReason());
        NodeFacts node3 = facts.node("node3").orElseThrow();
        assertFalse(node3.reachable());
        assertTrue(node3.unreachableReason().orElseThrow().contains("within 1 s"), node3.unreachableReason().get());
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertTrue(facts.node("node4").orElseThrow().reachable());
        assertTrue(shells.values().stream().allMatch(s -> s.closed));
    }

    @Test
    void usesOneRoundTripForOsFactsAndOneForSql() {
        ScriptedShell shell = ScriptedShell.of("node1", Fixtures.text("os-running.txt"), PRIMARY_JSON);
        new FactGatherer((h, t) -> shell, PSQL, GatherOptions.defaults()).gather(List.of(host("node1", "10.0.0.1")));
        assertEquals(2, shell.scripts.size());
        assertEquals(1, shell.scripts.stream().filter(s -> s.contains("@@pgconverge-facts")).count());
        assertEquals(1, shell.scripts.stream().filter(s -> s.contains("pg_current_wal_lsn()")).count());
    }

    @Test
    void takesNoServerFactsFromAStoppedNode() {
        ScriptedShell shell = ScriptedShell.of("node2", Fixtures.text("os-stopped-standby.txt"), PRIMARY_JSON);
        NodeFacts n = new FactGatherer((h, t) -> shell, PSQL, GatherOptions.defaults())
                .gather(List.of(host("node2", "10.0.0.2"))).node("node2").orElseThrow();
        assertTrue(n.reachable());
        assertFalse(n.running());
        assertEquals(Optional.empty(), n.server());
        assertEquals(Optional.empty(), n.serverError());
        assertEquals(Optional.of(7312345678901234567L), n.dataDir().orElseThrow().systemIdentifier());
    }

    @Test
    void keepsTheServerErrorWhenTheSessionFails() {
        CommandResult refused = new CommandResult(2, "", "psql: error: connection to server on socket failed: "
                + "FATAL:  Peer authentication failed for user \"postgres\"\n");
        ScriptedShell shell = ScriptedShell.of("node1", Fixtures.text("os-running.txt"), refused);
        NodeFacts n = new FactGatherer((h, t) -> shell, PSQL, GatherOptions.defaults())
                .gather(List.of(host("node1", "10.0.0.1"))).node("node1").orElseThrow();
        assertTrue(n.reachable());
        assertTrue(n.running());
        assertEquals(Optional.empty(), n.server());
        assertTrue(n.serverError().orElseThrow().contains("Peer authentication failed"), n.serverError().get());
    }

    @Test
    void neverRunsMoreNodesAtOnceThanForks() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ShellOpener opener = (h, t) -> new ScriptedShell(h.name(), script -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(150);
            running.decrementAndGet();
            return new CommandResult(0, Fixtures.text("os-stopped-standby.txt"), "");
        });
        List<Host> hosts = List.of(host("a", "1"), host("b", "2"), host("c", "3"), host("d", "4"), host("e", "5"));
        ClusterFacts facts = new FactGatherer(opener, PSQL, options(2, Duration.ofSeconds(5))).gather(hosts);
        assertEquals(5, facts.nodes().size());
        assertEquals(2, most.get());
    }

    @Test
    void opensOneConnectionPerNodeAndHoldsAtMostForksOpen() {
        Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        ShellOpener opener = (h, t) -> {
            opened.computeIfAbsent(h.name(), k -> new AtomicInteger()).incrementAndGet();
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            ScriptedShell shell = ScriptedShell.of(h.name(), Fixtures.text("os-running.txt"), PRIMARY_JSON);
            return new RemoteShell() {
                @Override
                public String host() {
                    return shell.host();
                }

                @Override
                public CommandResult run(String script, Duration timeout) {
                    sleep(50);
                    return shell.run(script, timeout);
                }

                @Override
                public void close() {
                    open.decrementAndGet();
                }
            };
        };
        List<Host> hosts = java.util.stream.IntStream.rangeClosed(1, 12)
                .mapToObj(i -> host("node" + i, "10.0.0." + i)).toList();
        ClusterFacts facts = new FactGatherer(opener, PSQL, options(3, Duration.ofSeconds(5))).gather(hosts);
        assertTrue(facts.nodes().values().stream().allMatch(n -> n.server().isPresent()));
        assertEquals(12, opened.size());
        assertTrue(opened.values().stream().allMatch(n -> n.get() == 1), opened.toString());
        assertEquals(3, mostOpen.get());
        assertEquals(0, open.get());
    }

    @Test
    void aFailingScriptMakesTheNodeUnusableWithTheReason() {
        RemoteShell shell = new ScriptedShell("n", s -> new CommandResult(126, "", "bash: permission denied\n"));
        NodeFacts n = new FactGatherer((h, t) -> shell, PSQL, GatherOptions.defaults())
                .gather(List.of(host("n", "1"))).node("n").orElseThrow();
        assertFalse(n.reachable());
        assertTrue(n.unreachableReason().orElseThrow().contains("permission denied"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
