package io.pgconverge.plan.task;

import io.pgconverge.model.RunAs;

/**
 * A shell command exactly as it runs on a node, and who it runs as.
 *
 * @param runAs the kind of user, which the executor's shell escalates to
 * @param user  the OS user that is on the node (root, postgres, or the login user without become), for the plan
 */
public record ShellCommand(String line, RunAs runAs, String user) {
    @Override
    public String toString() {
        return "[" + user + "] " + line;
    }
}
