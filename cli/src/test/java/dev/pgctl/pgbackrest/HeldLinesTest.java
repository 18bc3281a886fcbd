package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldLinesTest {
    @Test
    void aLockConflictPrintsNothingOnceDiscarded() {
        List<String> seen = new ArrayList<>();
        HeldLines h = new HeldLines(seen::add, () -> seen.add("starting"));
        h.accept("2026-11-22 03:05:24.524 P00   INFO: backup command begin 2.60.0: --stanza=main");
        h.accept("ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/main-backup-1.lock'");
        h.accept("       HINT: is another pgBackRest process running?");
        h.accept("2026-11-22 03:05:24.534 P00   INFO: backup command end: aborted with exception [050]");
        h.discard();
        assertEquals(List.of(), seen);
    }

    @Test
    void realWorkReleasesTheHeldLinesAndStreamsTheRest() {
        List<String> seen = new ArrayList<>();
        HeldLines h = new HeldLines(seen::add, () -> seen.add("starting"));
        h.accept("INFO: backup command begin 2.60.0");
        assertEquals(List.of(), seen);
        h.accept("INFO: execute backup start: backup begins after the requested immediate checkpoint completes");
        h.accept("INFO: backup start archive = 000000010000000000000005");
        assertEquals(4, seen.size());
        assertEquals("starting", seen.get(0));
        h.release();
        assertEquals(4, seen.size());
    }
}
