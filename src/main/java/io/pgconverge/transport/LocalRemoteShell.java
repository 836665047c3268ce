package io.pgconverge.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ansible_connection: local}: bash on this machine. When the engine runs as root and the node's user is
 * another one, the script runs as that user through runuser.
 */
public final class LocalRemoteShell implements RemoteShell {
    private final String host;
    private final String user;

    public LocalRemoteShell(String host, String user) {
        this.host = host;
        this.user = user;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CommandResult run(String script, Duration timeout) {
        return run(script, timeout, line -> { });
    }

    @Override
    public CommandResult run(String script, Duration timeout, Consumer<String> lines) {
        List<String> command = new ArrayList<>();
        String me = System.getProperty("user.name");
        if (user != null && !user.isEmpty() && !user.equals(me)) {
            if (!"root".equals(me)) {
                throw new TransportException(host + ": cannot run commands as " + user + " from " + me
                        + " with a local connection; run as root or as " + user);
            }
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        command.addAll(List.of("bash", "-s"));
        try {
            Process p = ChildEnvironment.clean(new ProcessBuilder(command)).start();
            StreamDrain out = StreamDrain.start(p.getInputStream(), host + "-stdout", lines);
            StreamDrain err = StreamDrain.start(p.getErrorStream(), host + "-stderr");
            try (OutputStream in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TransportException(host + ": command did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(p.exitValue(), out.text(Duration.ofSeconds(5)), err.text(Duration.ofSeconds(5)));
        } catch (IOException e) {
            throw new TransportException(host + ": cannot run bash: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(host + ": interrupted", e);
        }
    }

    @Override
    public void close() {
    }
}
