package io.pgconverge.cli;

import io.pgconverge.exec.ApplyResult;
import io.pgconverge.exec.ExecListener;
import io.pgconverge.plan.Plan;

import java.io.PrintWriter;

/** How an apply shows while it runs: a view per kind of output, chosen by where the output goes. */
interface ApplyView extends ExecListener, AutoCloseable {
    /** After the last task: what the view shows stays, then the summary. */
    void finish(ApplyResult result);

    /** Gives the terminal back as it was, also when the apply ends by an exception; finish closes too. */
    @Override
    default void close() {
    }

    /**
     * A live view redrawn in place on a terminal that takes ANSI codes; otherwise (output to a file or a pipe,
     * NO_COLOR set, TERM=dumb, or {@code live} false) a plain line per task start and end.
     */
    static ApplyView of(PrintWriter out, Plan plan, boolean live) {
        return live && Terminal.color() ? LiveApplyView.start(out, plan, Terminal.width()) : new PlainApplyView(out);
    }
}
