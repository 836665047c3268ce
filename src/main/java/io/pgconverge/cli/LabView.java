package io.pgconverge.cli;

import io.pgconverge.lab.LabChange;
import io.pgconverge.lab.LabLayout;
import io.pgconverge.lab.LabReport;
import io.pgconverge.lab.LabStatus;
import io.pgconverge.lab.NodeStatus;
import io.pgconverge.lab.SshdStatus;

import java.io.PrintWriter;
import java.nio.file.Files;

/** Prints lab reports and status for a terminal. */
final class LabView {
    private static final String ROW = "%-8s %-12s %-6s %-9s %s%n";

    private LabView() {
    }

    static void changes(PrintWriter out, LabReport report, String whenNone) {
        if (report.changes().isEmpty()) {
            out.println(whenNone);
        }
        for (LabChange c : report.changes()) {
            out.println(c.subject() + ": " + c.what());
        }
        for (String note : report.notes()) {
            out.println("note: " + note);
        }
        out.println();
    }

    static void status(PrintWriter out, LabStatus status) {
        if (status.nodes().isEmpty()) {
            out.println("No lab in " + status.dir() + " (start one with: pgconverge lab up).");
            return;
        }
        out.println("Lab in " + status.dir() + ": " + status.runningNodes() + " of " + status.nodes().size()
                + " nodes running.");
        out.printf(ROW, "NODE", "ADDRESS", "PORT", "RUNNING", "PID");
        for (NodeStatus n : status.nodes()) {
            out.printf(ROW, n.node().name(), n.node().address(), n.node().port(), state(n),
                    n.pid().isPresent() ? Long.toString(n.pid().getAsLong()) : "-");
        }
        SshdStatus sshd = status.sshd();
        out.printf(ROW, "sshd", "(all nodes)", sshd.port(), sshd.running() ? "yes" : "no",
                sshd.pid().isPresent() ? Long.toString(sshd.pid().getAsLong()) : "-");
        sshd.unavailable().ifPresent(reason -> out.println("note: " + reason));
        if (Files.exists(status.inventory())) {
            out.println("inventory: " + status.inventory());
        }
        if (sshd.running()) {
            LabLayout layout = new LabLayout(status.dir(), status.nodes().size());
            out.println("ssh: ssh -p " + sshd.port() + " -i " + layout.clientKey() + " -o UserKnownHostsFile="
                    + layout.knownHosts() + " " + status.nodeUser() + "@" + status.nodes().get(0).node().address());
        }
    }

    private static String state(NodeStatus n) {
        switch (n.state()) {
            case RUNNING:
                return "yes";
            case STOPPED:
                return "no";
            default:
                return "no (new)";
        }
    }
}
