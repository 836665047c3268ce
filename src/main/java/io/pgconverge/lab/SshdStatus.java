package io.pgconverge.lab;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lab sshd: running with a pid, or not, with the reason it cannot run where there is one (for
 * example, not root).
 */
public record SshdStatus(boolean running, OptionalLong pid, int port, Optional<String> unavailable) {
    static SshdStatus stopped(int port) {
        return new SshdStatus(false, OptionalLong.empty(), port, Optional.empty());
    }
}
