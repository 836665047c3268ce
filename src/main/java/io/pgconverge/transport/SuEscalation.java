package io.pgconverge.transport;

import java.util.List;

/** {@code ansible_become_method: su}, from root only: su asks any other user for a password on a terminal. */
public record SuEscalation(String target) implements Escalation {
    @Override
    public List<String> command() {
        return List.of("su", "-s", "/bin/bash", "-c", "bash -s", target);
    }
}
