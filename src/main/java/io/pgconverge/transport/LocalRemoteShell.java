package io.pgconverge.transport;


import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code ansible_connection: local}: bash on this machine. With ansible_become the script runs through sudo or su as
 * the become user (root for service control); without it, when the engine runs as root and the node's user is
 * another one, through runuser.
 */
public final class LocalRemoteShell extends EscalatingShell {
    private final String host;

    public LocalRemoteShell(String host, Escalations escalations) {
        super(escalations);
        this.host = host;
    }

    /** Without become: every script runs as {@code user}. */
    public LocalRemoteShell(String host, String user) {
        this(host, Escalations.localAs(host, System.getProperty("user.name"), user));
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    CommandResult exec(List<String> command, byte[] stdin, Duration timeout, Consumer<String> lines) {
        try {
            Process p = ChildEnvironment.clean(new ProcessBuilder(command)).start();
            StreamDrain out = StreamDrain.start(p.getInputStream(), host + "-stdout", lines);
            StreamDrain err = StreamDrain.start(p.getErrorStream(), host + "-stderr");
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the command ended without reading all of its input; its exit status says why
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TransportException(host + ": command did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(p.exitValue(), out.text(Duration.ofSeconds(5)), err.text(Duration.ofSeconds(5)));
        } catch (IOException e) {
            throw new TransportException(host + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(host + ": interrupted", e);
        }
    }

    @Override
    public void close() {
    }
}
