package io.pgconverge.cli;

import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.Progress;
import io.pgconverge.exec.TaskOutcome;
import io.pgconverge.exec.TaskState;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.task.Task;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An apply on a terminal: the {@link ApplyBoard} drawn in place, a few times a second and only when it changed, by
 * moving the cursor up over the last frame and overwriting it line by line (no clearing first, so nothing
 * flickers). Line wrapping is off while it runs, so a long line never breaks the count of lines to move up over. A
 * failed task's line is printed above the board and stays. When the apply ends the last frame stays on screen.
 */
final class LiveApplyView implements ApplyView {
    static final String HIDE_CURSOR = "\033[?25l";
    static final String SHOW_CURSOR = "\033[?25h";
    static final String WRAP_OFF = "\033[?7l";
    static final String WRAP_ON = "\033[?7h";
    private static final String CLEAR_TO_END_OF_LINE = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final long REDRAW_MILLIS = 250;

    private final PrintWriter out;
    private final ApplyBoard board;
    private final int width;
    private final LongSupplier clock;
    private final List<String> above = new ArrayList<>();
    private List<String> drawn = List.of();
    private ScheduledExecutorService ticker;
    private Thread restoreOnExit;
    private boolean closed;

    /** @param hosts the plan's hosts, in inventory order */
    LiveApplyView(PrintWriter out, List<String> hosts, List<Task> tasks, int width, LongSupplier clock) {
        this.out = out;
        this.width = width;
        this.clock = clock;
        this.board = new ApplyBoard(hosts, tasks, clock.getAsLong());
    }

    /** Starts drawing on the terminal; the terminal's cursor and wrapping are given back on exit, even on Ctrl-C. */
    static LiveApplyView start(PrintWriter out, Plan plan, int width) {
        LiveApplyView view = new LiveApplyView(out, plan.hosts(), plan.tasks(), width, System::nanoTime);
        view.restoreOnExit = new Thread(view::restoreTerminal, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(view.restoreOnExit);
        out.print(HIDE_CURSOR + WRAP_OFF);
        view.redraw();
        view.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apply-view");
            t.setDaemon(true);
            return t;
        });
        view.ticker.scheduleWithFixedDelay(view::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        return view;
    }

    @Override
    public synchronized void taskStarted(Task task) {
        board.started(task);
    }

    @Override
    public synchronized void commandStarted(Task task, String command) {
        board.command(task, command);
    }

    @Override
    public synchronized void progress(Task task, Progress progress) {
        board.progress(task, progress);
    }

    @Override
    public synchronized void taskFinished(Task task, TaskOutcome outcome) {
        board.finished(task, outcome);
        if (outcome.state() == TaskState.FAILED) {
            above.add(PlainApplyView.finishedLine(task, outcome));
        }
    }

    /** Draws the board over the last frame when anything changed (lines to keep above it first). */
    synchronized void redraw() {
        if (closed) {
            return;
        }
        List<String> frame = board.lines(clock.getAsLong(), width);
        if (frame.equals(drawn) && above.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (!drawn.isEmpty()) {
            text.append('\r').append("\033[").append(drawn.size()).append('A');
        }
        for (String line : above) {
            text.append(line).append(CLEAR_TO_END_OF_LINE).append('\n');
        }
        above.clear();
        for (String line : frame) {
            text.append(line).append(CLEAR_TO_END_OF_LINE).append('\n');
        }
        text.append(CLEAR_BELOW);
        out.print(text);
        out.flush();
        drawn = frame;
    }

    @Override
    public void finish(ApplyResult result) {
        close();
        synchronized (this) {
            ApplySummary.print(out, result);
        }
    }

    /** Stops drawing; the last frame stays; the cursor and wrapping are given back. Called again, does nothing. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        redraw();
        restoreTerminal();
        if (restoreOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }

    private synchronized void restoreTerminal() {
        if (!closed) {
            closed = true;
            out.print(WRAP_ON + SHOW_CURSOR);
            out.flush();
        }
    }
}
