package io.pgconverge.load;

import io.pgconverge.model.Group;
import io.pgconverge.model.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostSelectorTest {
    private final HostSelector selector = new HostSelector(List.of("node1", "node2", "node3", "db10"), Map.of(
            "pg_main", new Group("pg_main", List.of("east"), List.of("node1", "node2", "node3", "db10")),
            "east", new Group("east", List.of(), List.of("node1", "node2")),
            "witness", new Group("witness", List.of(), List.of("elsewhere"))));

    @Test
    void namesGroupsWildcardsRegexesIntersectionsAndExclusions() {
        assertEquals(List.of("node1", "node2"), selector.select("node2,node1"));
        assertEquals(List.of("node1", "node2"), selector.select("east"));
        assertEquals(List.of("node1", "node2", "node3"), selector.select("node*"));
        assertEquals(List.of("node1", "node3"), selector.select("~node[13]"));
        assertEquals(List.of("node3", "db10"), selector.select("pg_main:!east"));
        assertEquals(List.of("node2"), selector.select("node*:&east:!node1"));
        assertEquals(List.of("node1", "node2", "node3"), selector.select("all,!db10"));
        assertEquals(List.of("node3", "db10"), selector.select("!east"));
        assertEquals(List.of("node1"), selector.select("e*:!node2"), "a wildcard matches group names too");
    }

    @Test
    void aPatternThatMatchesNothingOrLeavesNothingIsOneClearError() {
        InputException none = assertThrows(InputException.class, () -> selector.select("node1,nodeX"));
        assertEquals("--limit: the pattern 'nodeX' matches no host or group of the cluster (node1, node2, node3,"
                + " db10)", none.getMessage());
        InputException empty = assertThrows(InputException.class, () -> selector.select("east:!node*"));
        assertEquals("--limit: 'east:!node*' leaves no host of the cluster (node1, node2, node3, db10)",
                empty.getMessage());
        InputException outside = assertThrows(InputException.class, () -> selector.select("witness"));
        assertEquals("--limit: the pattern 'witness' matches no host or group of the cluster (node1, node2, node3,"
                + " db10)", outside.getMessage());
        assertThrows(InputException.class, () -> selector.select("~node[1"));
    }
}
