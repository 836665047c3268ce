package io.pgconverge.transport;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.Secret;

import java.time.Duration;
import java.util.Optional;

/** Opens the shell an inventory host asks for: SSH, or a local process for {@code ansible_connection: local}. */
public final class RemoteShells {
    private RemoteShells() {
    }

    public static RemoteShell open(Host host, Duration connectTimeout) {
        return open(host, connectTimeout, Optional.empty());
    }

    /** With the host's resolved become password, sent to sudo on standard input only when it asks for one. */
    public static RemoteShell open(Host host, Duration connectTimeout, Optional<Secret> becomePassword) {
        if (host.connection() == ConnectionKind.LOCAL) {
            if (!host.become().enabled()) {
                return new LocalRemoteShell(host.name(), host.user());
            }
            return new LocalRemoteShell(host.name(),
                    Escalations.of(host, System.getProperty("user.name"), becomePassword));
        }
        return SshjRemoteShell.connect(host, connectTimeout, becomePassword);
    }
}
