package io.pgconverge.it;

import io.pgconverge.lab.LabExtension;
import io.pgconverge.lab.LabExtension.RunningLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;

import static io.pgconverge.it.CrashRounds.assertMentions;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A representative part of the fault matrix, fast enough for every run (the whole matrix is CrashSafetyIT, behind
 * scripts/test --fault-matrix): a first build killed in its middle, whose stale lock the re-run takes over; a
 * switchover under write load killed in its middle; a whole switchover under write load. After each re-run: one
 * primary, every standby streaming, every acknowledged row present, an empty plan; no secret anywhere.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetySampleIT {
    private RunningLab lab;
    private CrashRounds rounds;
    private String primary = "node1";

    @BeforeAll
    void startSampling(RunningLab lab) {
        this.lab = lab;
        this.rounds = new CrashRounds(lab);
    }

    @Test
    @Order(1)
    void aFirstBuildKilledInItsMiddleIsCompletedAndItsStaleLockTakenOver() {
        List<String> tasks = rounds.plannedTasks();
        String middle = tasks.get(tasks.size() / 2);
        rounds.killedAt(middle);
        CliProcess.Result plan = rounds.record(rounds.cli().run(lab, "plan"));
        assertMentions(plan, "node1: the apply lock is held by apply ");
        assertMentions(plan, "(gone");
        CliProcess.Result again = rounds.reRun();
        assertMentions(again, "took over the apply lock from apply");
        rounds.converged(primary, List.of());
        System.out.println("first build of " + tasks.size() + " tasks killed before " + middle + ": converged");
    }

    @Test
    @Order(2)
    void aSwitchoverUnderWriteLoadKilledInItsMiddleConvergesAndLosesNothing() {
        rounds.sql().query(primary, "CREATE TABLE it_load(id bigint PRIMARY KEY, note text)");
        try (AckedWriter writer = AckedWriter.startOnPrimary(lab.nodes(), rounds.cli().secret("PGC_POSTGRES_PASSWORD"),
                1)) {
            writer.awaitAcks(200, 30000);
            List<String> tasks = rounds.plannedTasks("-e", "primary=node2");
            String middle = tasks.get(tasks.size() / 2);
            rounds.killedAt(middle, "-e", "primary=node2");
            CliProcess.Result again = rounds.reRun("-e", "primary=node2");
            assertFalse(again.out().contains("/basebackup"), "a switchover rebuilds nothing:\n" + again.out());
            primary = "node2";
            writer.awaitAcks(writer.count() + 200, 60000);
            writer.close();
            rounds.converged(primary, writer.acknowledged());
            System.out.println("switchover of " + tasks.size() + " tasks under write load killed before " + middle
                    + ": converged; " + writer.count() + " acknowledged commits, " + writer.count() + " rows checked, "
                    + "0 lost; longest write outage " + writer.longestGapMillis() + " ms");
        }
    }

    @Test
    @Order(3)
    void aSwitchoverUnderWriteLoadLosesNothing() {
        try (AckedWriter writer = AckedWriter.startOnPrimary(lab.nodes(), rounds.cli().secret("PGC_POSTGRES_PASSWORD"),
                1_000_000)) {
            writer.awaitAcks(300, 30000);
            rounds.reRun("-e", "primary=node1");
            primary = "node1";
            writer.awaitAcks(writer.count() + 300, 60000);
            writer.close();
            rounds.converged(primary, writer.acknowledged());
            System.out.println("switchover under write load: " + writer.count() + " acknowledged commits over one "
                    + "connection, " + writer.count() + " rows checked, 0 lost; longest write outage "
                    + writer.longestGapMillis() + " ms");
        }
    }

    @AfterAll
    void noSecretAnywhere() throws IOException {
        rounds.noSecretAnywhere(primary);
    }
}
