package io.pgconverge.transport;

import java.util.Map;
import java.util.Set;

/**
 * The environment of a process the engine starts on the controller (a local shell, git): only the variables a shell
 * needs. The engine's own environment carries the playbook's {@code env:} secrets, which no child may inherit.
 */
public final class ChildEnvironment {
    private static final Set<String> KEPT = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER",
            "LOGNAME");

    private ChildEnvironment() {
    }

    public static ProcessBuilder clean(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().retainAll(KEPT);
        return pb;
    }
}
