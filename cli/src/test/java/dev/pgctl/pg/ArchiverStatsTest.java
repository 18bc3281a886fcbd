package dev.pgctl.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiverStatsTest {
    @ParameterizedTest(name = "{0} -> clear {1}")
    @CsvSource({
        "'0|7', true",     // a new cluster: every attempt was before the stanza existed
        "'0|0', false",    // nothing failed: nothing to clear
        "'3|7', false",    // it archived before: a failure may be real, keep it
        "'12|0', false",
    })
    void clearsOnlyFailuresBeforeTheFirstArchive(String row, boolean clear) {
        assertEquals(clear, ArchiverStats.parse(row).orElseThrow().onlyFailuresBeforeFirstArchive());
    }

    @ParameterizedTest
    @CsvSource({"''", "'x|1'", "'1'", "'1|2|3'"})
    void unreadableRowsAreNothing(String row) {
        assertEquals(Optional.empty(), ArchiverStats.parse(row));
    }
}
