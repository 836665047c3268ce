package io.pgconverge.transport;

import io.pgconverge.model.Host;
import io.pgconverge.model.Secret;
import io.pgconverge.model.Timings;
import io.pgconverge.model.ShellWords;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;
import net.schmizz.sshj.connection.channel.direct.Parameters;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.UserAuthException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A shell on a node over SSH (sshj), logged in with a key as the node's OS user. The server's host key is
 * verified against the host's known_hosts file before anything else happens. Scripts run as {@code bash -s}
 * with the script on stdin, so nothing of them shows on a command line.
 */
public final class SshjRemoteShell extends EscalatingShell {
    /** Building sshj's configuration (algorithm lists, the crypto provider) is costly: once per process. */
    private static final Config CONFIG = config();
    private final String host;
    private final String target;
    private final SSHClient client;
    private final String acceptedHostKey;
    private final List<LocalPortForwarder> forwarders = new ArrayList<>();

    private SshjRemoteShell(String host, String target, SSHClient client, String acceptedHostKey,
                            Escalations escalations) {
        super(escalations);
        this.host = host;
        this.target = target;
        this.client = client;
        this.acceptedHostKey = acceptedHostKey;
    }

    private static Config config() {
        JdkCrypto.install();
        return new DefaultConfig();
    }

    /** Without a become password. */
    public static SshjRemoteShell connect(Host host, Duration connectTimeout) {
        return connect(host, connectTimeout, Optional.empty());
    }

    /**
     * Connects to the host, verifies its host key and logs in.
     *
     * @throws TransportException naming the host when it cannot be reached, its key is unknown or changed,
     *                            or the login is refused
     */
    public static SshjRemoteShell connect(Host host, Duration connectTimeout, Optional<Secret> becomePassword) {
        String knownHosts = HomePath.expand(host.knownHostsFile().orElse("~/.ssh/known_hosts"));
        KnownHostsVerifier verifier = KnownHostsVerifier.load(knownHosts, host.acceptNewHostKeys());
        String target = host.address() + ":" + host.sshPort();
        SSHClient client = new SSHClient(CONFIG);
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        client.setSocketFactory(NoDelaySockets.INSTANCE);
        try (Timings.Span span = Timings.span(host.name() + ": ssh connect and key exchange")) {
            client.connect(host.address(), host.sshPort());
            noDelay(client);
        } catch (IOException e) {
            closeQuietly(client);
            if (verifier.refusal() != null) {
                throw new TransportException(host.name() + ": " + verifier.refusal(), e);
            }
            throw new TransportException(host.name() + ": cannot connect over SSH to " + target + ": "
                    + ExceptionText.of(e), e);
        }
        try (Timings.Span span = Timings.span(host.name() + ": ssh login")) {
            authenticate(client, host);
        } catch (IOException e) {
            closeQuietly(client);
            throw new TransportException(host.name() + ": SSH login as " + host.user() + " on " + target
                    + " failed: " + ExceptionText.of(e), e);
        }
        return new SshjRemoteShell(host.name(), target, client, verifier.accepted(),
                Escalations.of(host, host.user(), becomePassword));
    }

    /** TCP_NODELAY on the connected socket too, whichever way sshj made it (see {@link NoDelaySockets}). */
    private static void noDelay(SSHClient client) throws IOException {
        if (client.getSocket() != null) {
            client.getSocket().setTcpNoDelay(true);
        }
    }

    private static void authenticate(SSHClient client, Host host) throws IOException {
        if (host.privateKeyFile().isEmpty()) {
            client.authPublickey(host.user());
            return;
        }
        String keyFile = HomePath.expand(host.privateKeyFile().get());
        if (!Files.isReadable(Path.of(keyFile))) {
            throw new UserAuthException("private key file " + keyFile + " is missing or not readable");
        }
        client.authPublickey(host.user(), client.loadKeys(keyFile));
    }

    @Override
    public String host() {
        return host;
    }

    /** The sentence saying a new host key was accepted and recorded during connect, if one was. */
    public Optional<String> acceptedHostKey() {
        return Optional.ofNullable(acceptedHostKey);
    }

    @Override
    CommandResult exec(List<String> commandLine, byte[] stdin, Duration timeout, Consumer<String> lines) {
        try (Session session = client.startSession()) {
            Session.Command command = session.exec(commandLine.stream().map(ShellWords::quote)
                    .collect(Collectors.joining(" ")));
            StreamDrain out = StreamDrain.start(command.getInputStream(), host + "-stdout", lines);
            StreamDrain err = StreamDrain.start(command.getErrorStream(), host + "-stderr");
            IOException inputLost = sendInput(command, stdin);
            awaitClose(command, timeout);
            if (command.isOpen()) {
                throw new TransportException(host + ": command did not finish within " + timeout.toSeconds() + " s");
            }
            String stdout = out.text(Duration.ofSeconds(5));
            String stderr = err.text(Duration.ofSeconds(5));
            Integer status = command.getExitStatus();
            if (status == null && inputLost != null) {
                throw inputLost;
            }
            if (status == null) {
                String signal = command.getExitSignal() == null ? "unknown" : command.getExitSignal().name();
                return new CommandResult(-1, stdout, stderr + "(terminated by signal " + signal + ")\n");
            }
            return new CommandResult(status, stdout, stderr);
        } catch (IOException e) {
            throw new TransportException(host + ": cannot run a command over SSH on " + target + ": "
                    + ExceptionText.of(e), e);
        }
    }

    /**
     * Writes the command's standard input and closes it. A command that ends without reading all of it (sudo -n
     * refusing at once) closes the channel first: the write then fails, which matters only when the command has no
     * exit status to tell what happened; the caller decides.
     */
    private static IOException sendInput(Session.Command command, byte[] stdin) {
        try (OutputStream in = command.getOutputStream()) {
            in.write(stdin);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private static void awaitClose(Session.Command command, Duration timeout) {
        try {
            command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // a timeout surfaces as an exception from join; the caller checks whether the channel is still open
        }
    }

    /**
     * Opens a local port forward through this SSH connection: connections to 127.0.0.1 on the returned port
     * reach {@code targetHost:targetPort} as seen from the node. It stays open until this shell is closed.
     */
    public int forwardLocalPort(String targetHost, int targetPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = socket.getLocalPort();
            Parameters parameters = new Parameters("127.0.0.1", port, targetHost, targetPort);
            LocalPortForwarder forwarder = client.newLocalPortForwarder(parameters, socket);
            Thread listener = new Thread(() -> listen(forwarder), "pgconverge-forward-" + host + "-" + port);
            listener.setDaemon(true);
            listener.start();
            synchronized (forwarders) {
                forwarders.add(forwarder);
            }
            return port;
        } catch (IOException e) {
            throw new TransportException(host + ": cannot open a local port forward to " + targetHost + ":"
                    + targetPort + ": " + ExceptionText.of(e), e);
        }
    }

    private static void listen(LocalPortForwarder forwarder) {
        try {
            forwarder.listen();
        } catch (IOException e) {
            // closed with the shell
        }
    }

    @Override
    public void close() {
        synchronized (forwarders) {
            for (LocalPortForwarder f : forwarders) {
                try {
                    f.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            forwarders.clear();
        }
        closeQuietly(client);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
