package io.pgconverge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the command line with a given environment: exit code, output, error output, wall time. */
record CliRun(int code, String out, String err, long millis) {
    static CliRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
        return new CliRun(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public String toString() {
        return "exit " + code + " after " + millis + " ms\n--- out\n" + out + "--- err\n" + err;
    }
}
