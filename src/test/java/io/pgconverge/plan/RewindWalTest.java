package io.pgconverge.plan;

import io.pgconverge.facts.Lsn;
import io.pgconverge.plan.task.Rewind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which of the target's WAL segments come back after pg_rewind removed them. */
class RewindWalTest {
    private static final long SIXTEEN_MB = 16L * 1024 * 1024;

    @Test
    void segmentsBeforeTheDivergenceThatPgRewindRemovedComeBack() {
        List<String> kept = List.of("000000010000000000000003", "000000010000000000000004",
                "000000010000000000000005", "000000010000000000000006", "archive_status", "00000001.history");
        Set<String> present = Set.of("000000010000000000000004", "000000020000000000000005", "00000002.history");
        assertEquals(List.of("000000010000000000000003"),
                Rewind.walToRestore(kept, present, Lsn.parse("0/503EC48"), SIXTEEN_MB),
                "segment 5 holds the divergence and 6 lies after it: the new primary never had their WAL");
    }

    @Test
    void theSegmentNumberSpansLogIdsAndTheSegmentSize() {
        List<String> kept = List.of("0000000100000001000000FF", "000000010000000200000000", "000000010000000200000001");
        assertEquals(List.of("0000000100000001000000FF", "000000010000000200000000"),
                Rewind.walToRestore(kept, Set.of(), Lsn.parse("2/1000000"), SIXTEEN_MB));
        List<String> large = List.of("000000010000000000000001", "000000010000000000000002");
        assertEquals(List.of("000000010000000000000001"),
                Rewind.walToRestore(large, Set.of(), Lsn.parse("0/80000000"), 1024L * 1024 * 1024),
                "with 1 GB segments 0/80000000 lies in segment 2");
    }
}
