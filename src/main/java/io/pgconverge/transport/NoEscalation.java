package io.pgconverge.transport;

import java.util.List;

/** The login user is the user the script must run as. */
public record NoEscalation(String target) implements Escalation {
    @Override
    public List<String> command() {
        return List.of("bash", "-s");
    }
}
