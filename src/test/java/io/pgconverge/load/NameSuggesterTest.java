package io.pgconverge.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NameSuggesterTest {
    @Test
    void levenshteinDistance() {
        assertEquals(0, NameSuggester.distance("primary", "primary"));
        assertEquals(1, NameSuggester.distance("primay", "primary"));
        assertEquals(2, NameSuggester.distance("wal_levle", "wal_level"));
        assertEquals(3, NameSuggester.distance("kitten", "sitting"));
        assertEquals(4, NameSuggester.distance("", "host"));
    }

    @Test
    void suggestsOnlyLikelyTypos() {
        List<String> keys = List.of("hosts", "primary", "postgres", "settings", "hba", "roles", "replication");
        assertEquals(Optional.of("primary"), NameSuggester.closest("primay", keys));
        assertEquals(Optional.of("hosts"), NameSuggester.closest("HOSTS", keys));
        assertEquals(Optional.of("replication"), NameSuggester.closest("replicaton", keys));
        assertEquals(Optional.empty(), NameSuggester.closest("vars", keys));
        assertEquals(Optional.empty(), NameSuggester.closest("x", List.of("y")));
        assertEquals("; did you mean 'settings'?", NameSuggester.hint("setings", keys));
        assertEquals("", NameSuggester.hint("frobnicate", keys));
    }

    @Test
    void namesThatDifferOnlyInTheirNumbersAreNotTypos() {
        assertEquals(Optional.empty(), NameSuggester.closest("node7", List.of("node1", "node2")));
        assertEquals(Optional.of("node2"), NameSuggester.closest("nod2", List.of("node1", "node2")));
        assertEquals(Optional.of("repl"), NameSuggester.closest("repl2", List.of("repl")));
    }
}
