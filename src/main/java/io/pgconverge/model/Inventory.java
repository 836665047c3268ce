package io.pgconverge.model;

import java.util.Map;

/** A loaded inventory: hosts by name (resolved vars) and groups by name. Maps keep file order. */
public record Inventory(String source, Map<String, Host> hosts, Map<String, Group> groups) {
    public Inventory {
        hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
        groups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
    }
}
