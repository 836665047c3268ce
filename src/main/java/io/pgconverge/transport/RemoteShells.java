package io.pgconverge.transport;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;

import java.time.Duration;

/** Opens the shell an inventory host asks for: SSH, or a local process for {@code ansible_connection: local}. */
public final class RemoteShells {
    private RemoteShells() {
    }

    public static RemoteShell open(Host host, Duration connectTimeout) {
        if (host.connection() == ConnectionKind.LOCAL) {
            return new LocalRemoteShell(host.name(), host.user());
        }
        return SshjRemoteShell.connect(host, connectTimeout);
    }
}
