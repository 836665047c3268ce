package io.pgconverge.cli;

import io.pgconverge.lab.LabChange;
import io.pgconverge.lab.LabLayout;
import io.pgconverge.lab.LabReport;
import io.pgconverge.lab.LabStatus;
import io.pgconverge.lab.NodeStatus;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.OptionalLong;

/** Prints lab reports and status for a terminal. */
final class LabView {
    private static final String ROW = "%-7s %-11s %-13s %-8s %-10s %-8s %s%n";

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
        if (status.settings().isEmpty() || status.nodes().isEmpty()) {
            out.println("No lab in " + status.dir() + " (start one with: pgconverge lab up).");
            return;
        }
        out.println("Lab in " + status.dir() + ": " + status.nodes().stream().filter(NodeStatus::up).count() + " of "
                + status.nodes().size() + " nodes up, " + status.runningNodes() + " with PostgreSQL running.");
        out.printf(ROW, "NODE", "ADDRESS", "NAMESPACE", "SSHD", "POSTGRES", "PID", "VERSION");
        for (NodeStatus n : status.nodes()) {
            out.printf(ROW, n.node().name(), n.node().address(), n.node().namespace() + (n.networked() ? "" : "!"),
                    pid(n.sshdPid()), n.running() ? "running" : n.mounted() ? "stopped" : "down", pid(n.pid()),
                    n.version());
        }
        if (Files.exists(status.inventory())) {
            out.println("inventory: " + status.inventory());
        }
        if (status.nodes().get(0).up()) {
            LabLayout layout = new LabLayout(status.dir(), status.settings().get());
            out.println("ssh: ssh -i " + layout.clientKey() + " -o UserKnownHostsFile=" + layout.knownHosts() + " "
                    + status.nodeUser() + "@" + status.nodes().get(0).node().address());
        }
    }

    private static String pid(OptionalLong pid) {
        return pid.isPresent() ? Long.toString(pid.getAsLong()) : "-";
    }
}
