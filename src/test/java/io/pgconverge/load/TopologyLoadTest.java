package io.pgconverge.load;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.InputException;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.SyncMode;
import io.pgconverge.model.SynchronousSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The playbook's synchronous, standbys and restart_method keys: read, and every bad one refused at its place. */
class TopologyLoadTest {
    private static final Path LAB = Path.of("src/test/resources/inventories/lab.yml");
    private static final Map<String, String> ENV = Map.of();

    @TempDir
    Path dir;

    private DesiredState load(String topology, String... extraVars) throws IOException {
        Path file = dir.resolve("playbook.yml");
        Files.writeString(file, """
                hosts: pg_lab
                primary: node1
                postgres: { version: 15 }
                hba:
                  - { type: local, database: all, user: postgres, method: peer }
                """ + topology);
        return new ClusterLoader(new HostResolver("operator", Path.of("/home/operator")),
                new SecretResolver(ENV, Path.of("/home/operator"))).load(file, LAB, List.of(extraVars)).desired();
    }

    private List<String> problems(String topology, String... extraVars) {
        InputException e = assertThrows(InputException.class, () -> load(topology, extraVars));
        return e.diagnostics().stream().map(d -> d.toString().replace(dir.resolve("playbook.yml") + ":", ""))
                .toList();
    }

    @Test
    void aDeclaredTopologyIsRead() throws IOException {
        DesiredState d = load("""
                restart_method: switchover
                synchronous: { mode: any, count: 1, standbys: [node3] }
                standbys:
                  node3: { upstream: node2 }
                  node2: { apply_delay: 1h }
                """);
        assertEquals(RestartMethod.SWITCHOVER, d.topology().restartMethod());
        assertEquals(Optional.of(new SynchronousSpec(SyncMode.ANY, 1, List.of("node3"))),
                d.topology().synchronous());
        assertEquals(new StandbySpec(Optional.of("node2"), Optional.empty()), d.topology().standby("node3"));
        assertEquals(Optional.of("1h"), d.topology().standby("node2").applyDelay());
    }

    @Test
    void withoutTheKeysTheClusterRestartsInPlaceAndHasNoSynchronousStandbys() throws IOException {
        DesiredState d = load("");
        assertEquals(RestartMethod.RESTART, d.topology().restartMethod());
        assertEquals(Optional.empty(), d.topology().synchronous());
    }

    @Test
    void eachBadDeclarationIsOnePositionedError() {
        assertEquals(List.of("6:34: 'node9' is not a host of group 'pg_lab'"),
                problems("synchronous: { standbys: [node2, node9] }\n"));
        assertEquals(List.of("6:27: node1 is the primary and cannot be a synchronous standby"),
                problems("synchronous: { standbys: [node1] }\n"));
        assertEquals(List.of("6:23: synchronous.count is 3 but only 2 standbys are named: commits would wait forever"),
                problems("synchronous: { count: 3, standbys: [node2, node3] }\n"));
        assertEquals(List.of("7:22: node2 cannot be its own upstream"),
                problems("standbys:\n  node2: { upstream: node2 }\n"));
        assertEquals(List.of("7:22: upstream 'node7' of node2 is not a host of group 'pg_lab'"),
                problems("standbys:\n  node2: { upstream: node7 }\n"));
        assertEquals(List.of("7:22: cascading cycle: node2 -> node3 -> node2; one of them must stream from the primary"),
                problems("standbys:\n  node2: { upstream: node3 }\n  node3: { upstream: node2 }\n"));
        assertEquals(List.of("6:34: node3 is a delayed standby (standbys.node3.apply_delay) and cannot be synchronous:"
                        + " every commit would wait for the delay"),
                problems("synchronous: { standbys: [node2, node3] }\nstandbys:\n  node3: { apply_delay: 1h }\n"));
    }

    @Test
    void unknownKeysAndValuesGetADidYouMean() {
        assertEquals(List.of("6:1: unknown key 'synchronus' in the playbook; did you mean 'synchronous'?"),
                problems("synchronus: { standbys: [node2] }\n"));
        assertEquals(List.of("6:17: restart_method must be one of restart, switchover, found 'switchovr'; did you mean"
                + " 'switchover'?"), problems("restart_method: switchovr\n"));
        assertEquals(List.of("7:12: unknown key 'upstreem' in standbys.node2; did you mean 'upstream'?"),
                problems("standbys:\n  node2: { upstreem: node3 }\n"));
    }

    @Test
    void aPrimaryChosenOnTheCommandLineMayBeInTheSynchronousList() throws IOException {
        DesiredState d = load("synchronous: { standbys: [node2, node3] }\n", "primary=node2");
        assertEquals("node2", d.primary());
    }
}
