package io.pgconverge.transport;

import io.pgconverge.model.Host;

import java.time.Duration;

/** Opens a shell on a node within a connect timeout: SSH or a local process, by the host's connection kind. */
@FunctionalInterface
public interface ShellOpener {
    /** @throws TransportException when the node cannot be reached (the message says why) */
    RemoteShell open(Host host, Duration connectTimeout);
}
