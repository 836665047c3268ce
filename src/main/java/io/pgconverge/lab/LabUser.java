package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who runs the lab and as whom its nodes run. As root the nodes run as {@code postgres} (PostgreSQL refuses
 * root) and the lab can start its sshd; as an ordinary user the nodes run as that user and there is no sshd.
 *
 * @param invoker the user running pgconverge
 * @param nodeUser the OS user PostgreSQL runs as and SSH logs in as
 */
public record LabUser(String invoker, boolean root, String nodeUser) {
    public static final String POSTGRES = "postgres";

    /** True when commands for the nodes go through {@code runuser -u nodeUser}. */
    public boolean switches() {
        return root && !nodeUser.equals(invoker);
    }

    static LabUser detect(CommandRunner runner) {
        String invoker = System.getProperty("user.name");
        boolean root = uid() == 0;
        if (!root) {
            return new LabUser(invoker, false, invoker);
        }
        if (!runner.run(List.of("getent", "passwd", POSTGRES)).ok()) {
            throw new EngineException("the OS user " + POSTGRES + " does not exist; install PostgreSQL"
                    + " (apt-get install postgresql), which creates it");
        }
        return new LabUser("root", true, POSTGRES);
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
        }
    }
}
