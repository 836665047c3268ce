package io.pgconverge.model;

import java.util.List;
import java.util.Optional;

/** A desired state together with the inventory hosts of its group, in inventory order. */
public record Cluster(DesiredState desired, List<Host> members) {
    public Cluster {
        members = List.copyOf(members);
    }

    public Optional<Host> host(String name) {
        return members.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public Host primary() {
        return host(desired.primary()).orElseThrow();
    }

    public List<Host> standbys() {
        return members.stream().filter(h -> !h.name().equals(desired.primary())).toList();
    }
}
