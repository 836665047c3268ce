package io.pgconverge.model;

import java.util.List;

/** An inventory group: its direct children and every host it holds, children's included, in file order. */
public record Group(String name, List<String> children, List<String> hosts) {
    public Group {
        children = List.copyOf(children);
        hosts = List.copyOf(hosts);
    }
}
