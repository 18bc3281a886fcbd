package dev.pgctl.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiverStatsTest {
    @ParameterizedTest(name = "before the stanza {0}, after the first backup {1} -> clear {2}")
    @CsvSource({
        // a new cluster: every failure before the stanza existed, archiving worked since
        "'0|7||1000.5',       '4|7|1010|1000.5',  true",
        // one more attempt failed after the stanza was created (the spool's stale error), then archiving worked
        "'0|3||1000',         '2|4|1010|1009.9',  true",
        // nothing failed: nothing to clear
        "'0|0||',             '3|0|1010|',        false",
        // the last attempt failed after the last success: failing now, keep it
        "'0|3||1000',         '2|4|1010|1011',    false",
        // never archived since: the first backup cannot have succeeded, keep it
        "'0|3||1000',         '0|4||1011',        false",
        // it had archived before the stanza was created (a stanza that existed): a failure may be real
        "'3|7|900|1000',      '4|7|1010|1000',    false",
    })
    void clearsOnlyFailuresBeforeArchivingWorked(String before, String after, boolean clear) {
        assertEquals(clear, ArchiverStats.onlyFailuresBeforeArchivingWorked(
                ArchiverStats.parse(before).orElseThrow(), ArchiverStats.parse(after).orElseThrow()));
    }

    @Test
    void readsFractionalEpochs() {
        ArchiverStats s = ArchiverStats.parse("4|1|1764750000.123456|1764749990").orElseThrow();
        assertEquals(Optional.of(Instant.parse("2025-12-03T08:20:00.123456Z")), s.lastArchived());
        assertEquals(Optional.of(Instant.parse("2025-12-03T08:19:50Z")), s.lastFailed());
    }

    @ParameterizedTest
    @CsvSource({"''", "'x|1||'", "'1'", "'1|2|3'", "'1|2|x|'", "'1|2|||'"})
    void unreadableRowsAreNothing(String row) {
        assertEquals(Optional.empty(), ArchiverStats.parse(row));
    }
}
