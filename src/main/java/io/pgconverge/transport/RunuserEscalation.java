package io.pgconverge.transport;

import java.util.List;

/** A local connection of an engine running as root, to the node's user, without ansible_become: runuser. */
public record RunuserEscalation(String target) implements Escalation {
    @Override
    public List<String> command() {
        return List.of("runuser", "-u", target, "--", "bash", "-s");
    }
}
