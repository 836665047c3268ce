package io.pgconverge.lab;

import io.pgconverge.lab.LabExtension.RunningLab;
import io.pgconverge.model.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's own promises: idempotent up, repair of a killed node, refusal of foreign listeners, clean down. */
@ExtendWith(LabExtension.class)
class LabIT {
    private final ProcFs procs = new ProcFs();

    @Test
    void upOnARunningLabChangesNothing(RunningLab lab) {
        LabReport report = lab.lab().up(LabExtension.NODES);
        assertEquals(List.of(), report.changes());
        assertEquals(LabExtension.NODES, report.status().runningNodes());
        assertTrue(report.status().sshd().running());
    }

    @Test
    void statusShowsEveryNodeWithThePidOfItsPostmaster(RunningLab lab) throws Exception {
        LabStatus status = lab.lab().status();
        for (NodeStatus n : status.nodes().subList(0, LabExtension.NODES)) {
            assertTrue(n.running(), n.toString());
            String first = Files.readAllLines(n.node().pidFile()).get(0).strip();
            assertEquals(Long.parseLong(first), n.pid().getAsLong());
            assertTrue(procs.commandLine(n.pid().getAsLong()).contains(n.node().configFile().toString()));
        }
        long sshd = status.sshd().pid().getAsLong();
        assertEquals(Files.readString(lab.layout().sshdPidFile()).strip(), Long.toString(sshd));
    }

    @Test
    void upRestartsJustTheNodeWhosePostmasterWasKilled(RunningLab lab) throws Exception {
        LabNode victim = lab.nodes().get(1);
        Map<String, Long> before = pids(lab.lab().status());
        long killed = Long.parseLong(Files.readAllLines(victim.pidFile()).get(0).strip());
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        long deadline = System.currentTimeMillis() + 10_000;
        while (procs.live(killed) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(lab.lab().status().nodes().get(1).running());

        LabReport report = lab.lab().up(LabExtension.NODES);

        assertEquals(List.of(victim.name()), report.changes().stream().map(LabChange::subject).toList());
        assertTrue(report.changes().get(0).what().startsWith("started"), report.changes().toString());
        Map<String, Long> after = pids(report.status());
        assertNotEquals(before.get(victim.name()), after.get(victim.name()));
        for (LabNode other : List.of(lab.nodes().get(0), lab.nodes().get(2))) {
            assertEquals(before.get(other.name()), after.get(other.name()));
        }
        assertEquals(List.of(), lab.lab().up(LabExtension.NODES).changes());
    }

    @Test
    void aNodeAddressHeldByAnotherProgramIsNamedAndLeftAlone(RunningLab lab, @TempDir Path tmp) {
        Path otherDir = tmp.resolve("other-lab");
        Lab other = Lab.at(otherDir);
        long holder = lab.lab().status().nodes().get(0).pid().getAsLong();
        EngineException e = assertThrows(EngineException.class, () -> other.up(1));
        assertTrue(e.getMessage().startsWith("127.0.0.11:5441 (node1) is already in use by postgres (pid " + holder
                + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.11:2222 is already in use by sshd"), e.getMessage());
        assertFalse(Files.exists(otherDir.resolve("node1")), "the refused lab must not initialise anything");
        assertTrue(procs.live(holder));
    }

    @Test
    void downStopsOnlyTheLabsProcessesAndUpBringsThemBack(RunningLab lab) {
        LabStatus running = lab.lab().status();
        List<Long> started = running.nodes().stream().filter(NodeStatus::running)
                .map(n -> n.pid().getAsLong()).collect(Collectors.toList());
        started.add(running.sshd().pid().getAsLong());

        LabReport down = lab.lab().down();

        assertEquals(started.size(), down.changes().size(), down.changes().toString());
        assertTrue(started.stream().noneMatch(procs::live), "a lab process survived lab down");
        for (LabNode n : lab.nodes()) {
            assertEquals(List.of(), procs.withWorkingDirectory(n.dataDir()), n.name() + " has processes left");
            assertTrue(Files.exists(n.dataDir().resolve("PG_VERSION")), "lab down must keep the data");
        }
        assertEquals(0, down.status().runningNodes());
        assertFalse(down.status().sshd().running());
        assertEquals(List.of(), lab.lab().down().changes());

        LabReport up = lab.lab().up(LabExtension.NODES);
        assertEquals(LabExtension.NODES, up.status().runningNodes());
        assertTrue(up.status().sshd().running());
    }

    private static Map<String, Long> pids(LabStatus status) {
        return status.nodes().stream().filter(NodeStatus::running)
                .collect(Collectors.toMap(n -> n.node().name(), n -> n.pid().getAsLong()));
    }
}
