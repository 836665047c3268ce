package io.pgconverge.plan;

import java.util.Optional;

/** A warning or refusal of a plan, about one host or the whole cluster. */
public record Notice(Optional<String> host, String message) {
    public static Notice about(String host, String message) {
        return new Notice(Optional.of(host), message);
    }

    public static Notice cluster(String message) {
        return new Notice(Optional.empty(), message);
    }

    @Override
    public String toString() {
        return host.map(h -> h + ": ").orElse("") + message;
    }
}
