package io.pgconverge.exec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pg_basebackup's lines arriving faster than one a second: the routine reports thinned, the others all passed on. */
class ThrottledTest {
    @Test
    void reportsInTheSameSecondAreDroppedButNotesAndTheFinishedReportPass() {
        List<Progress> passed = new ArrayList<>();
        Throttled throttled = Throttled.baseBackup(passed::add);
        for (String line : List.of("waiting for checkpoint", "    0/30445 kB (0%), 0/1 tablespace",
                " 5132/30445 kB (16%), 0/1 tablespace", "", "20017/30445 kB (65%), 0/1 tablespace",
                "pg_basebackup: warning: something to say", "30445/30445 kB (100%), 0/1 tablespace",
                "30445/30445 kB (100%), 1/1 tablespace")) {
            throttled.accept(line);
        }
        assertEquals(List.of("waiting for checkpoint", "0/30445 kB (0%), 0/1 tablespace",
                "pg_basebackup: warning: something to say", "30445/30445 kB (100%), 0/1 tablespace",
                "30445/30445 kB (100%), 1/1 tablespace"), passed.stream().map(Progress::text).toList());
        assertEquals(100, passed.get(4).share().orElseThrow().percent());
    }
}
