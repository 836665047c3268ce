package io.pgconverge.cli;

import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.Progress;
import io.pgconverge.exec.TaskOutcome;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.task.BaseBackup;
import io.pgconverge.plan.task.CreateSlot;
import io.pgconverge.plan.task.RecordApplied;
import io.pgconverge.plan.task.Reload;
import io.pgconverge.plan.task.ShellCommand;
import io.pgconverge.plan.task.Start;
import io.pgconverge.plan.task.Stop;
import io.pgconverge.plan.task.Task;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The views of an apply fed the events of a synthetic run: a slot, a standby rebuilt by a base backup, a failure. */
class ApplyViewTest {
    private static final String ESC = "\033";
    private static final List<String> HOSTS = List.of("node1", "node2", "node3");
    private static final Task SLOT = new CreateSlot("node1/slot/127_1_3_2", "node1", "127_1_3_2", "node2", 15, "");
    private static final Task STOP = new Stop("node2/stop", "node2", root("pg_ctlcluster 15 main stop -m fast"), "");
    private static final Task BACKUP = new BaseBackup("node2/basebackup", "node2", "node1", "127.1.3.1", 5432, "repl",
            Optional.of("127_1_3_2"), false, "/var/lib/postgresql/15/main", true,
            "/var/lib/postgresql/15/main.pgconverge-new", "/var/lib/postgresql/15/main.old-",
            "/usr/lib/postgresql/15/bin", 15, "/etc/postgresql/15/main/pgconverge.pgpass", new Secret("s3cret"), "",
            "postgres");
    private static final Task START = new Start("node2/start", "node2", root("pg_ctlcluster 15 main start"), "");
    private static final Task RELOAD = new Reload("node3/reload", "node3", root("pg_ctlcluster 15 main reload"), "");
    /** The applied record every node gets at the end: not a task the plan lists, so never counted in the view. */
    private static final Task RECORD = new RecordApplied("node1/record-applied", "node1",
            "/etc/postgresql/15/main/pgconverge.applied", "site.yml", "");
    private static final List<Task> TASKS = List.of(SLOT, STOP, BACKUP, START, RELOAD, RECORD);

    private final StringWriter screen = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private static ShellCommand root(String line) {
        return new ShellCommand(line, RunAs.ROOT, "root");
    }

    private LiveApplyView live(int width) {
        return new LiveApplyView(new PrintWriter(screen), HOSTS, TASKS, width, now::get);
    }

    /** What the terminal received since the last call. */
    private String drawn() {
        String text = screen.toString();
        screen.getBuffer().setLength(0);
        return text;
    }

    private static TaskOutcome done(Task task, String detail) {
        return TaskOutcome.done(task.id(), detail, Duration.ofMillis(1200));
    }

    @Test
    void theLiveViewDrawsALinePerNodeAndATotalThenRedrawsInPlace() {
        LiveApplyView view = live(120);
        view.redraw();
        assertEquals("node1  0/1  waiting" + ESC + "[K\n"
                + "node2  0/3  waiting" + ESC + "[K\n"
                + "node3  0/1  waiting" + ESC + "[K\n"
                + "total  0/5 tasks done  0 s" + ESC + "[K\n" + ESC + "[J", drawn());
        view.taskStarted(SLOT);
        view.taskFinished(SLOT, done(SLOT, "created"));
        view.taskStarted(STOP);
        view.commandStarted(STOP, "pg_ctlcluster 15 main stop -m fast");
        view.taskStarted(RELOAD);
        view.taskStarted(RECORD);
        view.taskFinished(RECORD, done(RECORD, "recorded"));
        now.set(2_500_000_000L);
        view.redraw();
        assertEquals("\r" + ESC + "[4A"
                + "node1  1/1  done" + ESC + "[K\n"
                + "node2  0/3  pg_ctlcluster 15 main stop -m fast" + ESC + "[K\n"
                + "node3  0/1  reload the configuration" + ESC + "[K\n"
                + "total  1/5 tasks done, 2 running  2 s" + ESC + "[K\n" + ESC + "[J", drawn());
        view.redraw();
        assertEquals("", drawn(), "nothing changed: nothing is drawn");
    }

    @Test
    void theBaseBackupShowsItsCommandThenNotesThenTheShareParsedFromPgBasebackupOutput() {
        LiveApplyView view = live(120);
        view.taskStarted(BACKUP);
        assertTrue(nodeLine(view, 1).startsWith("node2  0/3  rebuild /var/lib/postgresql/15/main as a base backup"));
        view.commandStarted(BACKUP, "pg_basebackup from node1");
        view.progress(BACKUP, Progress.ofBaseBackup("waiting for checkpoint"));
        assertEquals("node2  0/3  pg_basebackup from node1: waiting for checkpoint", nodeLine(view, 1));
        view.progress(BACKUP, Progress.ofBaseBackup("  23456/123456 kB (19%), 0/1 tablespace"));
        assertEquals("node2  0/3  pg_basebackup from node1  [###-----------------]  19% of 120.6 MB",
                nodeLine(view, 1));
        view.progress(BACKUP, Progress.ofBaseBackup("123456/123456 kB (100%), 1/1 tablespace"));
        assertEquals("node2  0/3  pg_basebackup from node1  [####################] 100% of 120.6 MB",
                nodeLine(view, 1));
        view.taskFinished(BACKUP, done(BACKUP, "copied 121M from node1"));
        assertEquals("node2  1/3  waiting", nodeLine(view, 1));
    }

    private String nodeLine(LiveApplyView view, int index) {
        view.redraw();
        String frame = drawn().replaceAll(ESC + "\\[[0-9]*[A-Za-z]", "").replace("\r", "");
        return frame.split("\n")[index];
    }

    @Test
    void aFailureStaysAboveTheBoardAndTheLastFrameStaysWithTheTerminalGivenBack() {
        LiveApplyView view = live(120);
        view.redraw();
        drawn();
        view.taskStarted(RELOAD);
        TaskOutcome failed = TaskOutcome.failed(RELOAD.id(), "node3: reload failed (exit 1)", Duration.ofMillis(500));
        view.taskFinished(RELOAD, failed);
        now.set(65_000_000_000L);
        view.redraw();
        String frame = drawn();
        assertTrue(frame.startsWith("\r" + ESC + "[4A" + "node3/reload: FAILED after 0.5 s: node3: reload failed"
                + " (exit 1)" + ESC + "[K\nnode1  0/1  waiting"), frame);
        assertTrue(frame.contains("node3  0/1  1 failed" + ESC + "[K\n"), frame);
        assertTrue(frame.contains("total  0/5 tasks done, 1 failed  1m05s"), frame);
        view.redraw();
        assertEquals("", drawn());
        now.set(66_000_000_000L);
        view.redraw();
        assertTrue(drawn().startsWith("\r" + ESC + "[4Anode1"), "the failure line stays where it was printed");
        now.set(67_000_000_000L);
        view.finish(new ApplyResult(List.of(failed)));
        String end = drawn();
        assertTrue(end.startsWith("\r" + ESC + "[4Anode1  0/1  waiting"), end);
        int summary = end.indexOf("\nApply failed: 0 done, 1 failed, 0 skipped.");
        assertTrue(summary > 0, end);
        assertEquals(LiveApplyView.WRAP_ON + LiveApplyView.SHOW_CURSOR, end.substring(end.indexOf(ESC + "[J") + 3,
                summary), "the last frame is not cleared; wrapping and the cursor come back before the summary");
        assertFalse(end.substring(summary).contains(ESC), end);
        view.redraw();
        assertEquals("", drawn(), "a closed view draws nothing more");
    }

    @Test
    void aLineWiderThanTheTerminalIsCutSoThatItNeverWraps() {
        LiveApplyView view = live(30);
        view.taskStarted(BACKUP);
        view.redraw();
        for (String line : drawn().split("\n")) {
            String text = line.replaceAll(ESC + "\\[[0-9]*[A-Za-z]", "").replace("\r", "");
            assertTrue(text.length() <= 30, text);
        }
    }

    @Test
    void plainOutputIsALinePerTaskStartEndAndProgressWithoutAnsiCodes() {
        PlainApplyView view = new PlainApplyView(new PrintWriter(screen));
        view.taskStarted(BACKUP);
        view.commandStarted(BACKUP, "pg_basebackup from node1");
        view.progress(BACKUP, Progress.ofBaseBackup("  23456/123456 kB (19%), 0/1 tablespace"));
        view.taskFinished(BACKUP, done(BACKUP, "copied 121M from node1"));
        view.taskFinished(START, TaskOutcome.skipped(START.id(), "node2/basebackup failed"));
        view.finish(new ApplyResult(List.of(done(BACKUP, "copied 121M from node1"))));
        assertEquals("node2/basebackup: rebuild /var/lib/postgresql/15/main as a base backup of node1 (old directory"
                + " moved to /var/lib/postgresql/15/main.old-TIMESTAMP) ...\n"
                + "node2/basebackup:   23456/123456 kB (19%), 0/1 tablespace\n"
                + "node2/basebackup: done in 1.2 s (copied 121M from node1)\n"
                + "node2/start: skipped, node2/basebackup failed\n"
                + "\nApply complete: 1 task done.\n", drawn().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void withoutATerminalTheViewIsPlainEvenWhenLiveIsAsked() {
        // the plan is read by the live view only
        assertTrue(ApplyView.of(new PrintWriter(screen), null, true) instanceof PlainApplyView);
        assertTrue(ApplyView.of(new PrintWriter(screen), null, false) instanceof PlainApplyView);
    }
}
