package dev.pgctl.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.wal.WalGap.Drop;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The WAL gap: which status files are drops, how a gap starts and grows, and when the full backup clears it. */
class WalGapTest {
    static final Instant T0 = Instant.parse("2026-12-02T18:00:00Z");
    static final String OK_DROPPED = "0\ndropped WAL file '000000010000000000000006' because archive queue exceeded 96MB";

    static Drop drop(String seg, long secondsAfterT0) {
        return new Drop("0000000100000000000000" + seg, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void onlyAStatusFileThatSaysDroppedIsADrop() {
        assertEquals(Optional.of(new Drop("000000010000000000000006", T0)),
                WalGap.parse("000000010000000000000006.ok", OK_DROPPED, T0));
        assertEquals(Optional.empty(), WalGap.parse("000000010000000000000006.ok", "", T0), "pushed: an empty .ok");
        assertEquals(Optional.empty(), WalGap.parse("000000010000000000000006.error", "103\nunable to ...", T0));
        assertEquals(Optional.empty(), WalGap.parse("global.error", "103\ndropped WAL file", T0));
        assertEquals(Optional.empty(), WalGap.parse("00000001000000000000000A.partial.ok", OK_DROPPED, T0));
    }

    @Test
    void theDropsPgBackRestLoggedAreReadFromItsLogLines() {
        String log = "2026-12-02 18:01:30.098 P00   WARN: dropped WAL file '000000010000000000000006' because archive queue exceeded 96MB\n"
                + "2026-12-02 18:01:30.099 P00  ERROR: [103]: unable to find a valid repository:\n"
                + "2026-12-02 18:01:30.100 P00   WARN: dropped WAL file '000000010000000000000007' because archive queue exceeded 96MB\n";
        assertEquals(List.of(new Drop("000000010000000000000006", T0), new Drop("000000010000000000000007", T0)),
                WalGap.logged(log, T0));
        assertEquals(List.of(), WalGap.logged("WARN: could not push WAL file '000000010000000000000006'", T0));
    }

    @Test
    void noDropNoGap() {
        assertEquals(Optional.empty(), WalGap.observe(Optional.empty(), List.of(), Optional.of(T0)));
    }

    @Test
    void aGapStartsWhereWalLastReachedTheRepositoryAndEndsAtTheNewestDrop() {
        Optional<WalGap> g = WalGap.observe(Optional.empty(), List.of(drop("07", 102), drop("06", 100), drop("08", 103)),
                Optional.of(T0.minusSeconds(30)));
        assertEquals(Optional.of(new WalGap("2026-12-02T17:59:30Z", "2026-12-02T18:01:43Z", "000000010000000000000006",
                "000000010000000000000008", 3, 0)), g);
    }

    @Test
    void withoutTheLastArchivedTimeTheGapStartsAtTheFirstDrop() {
        Optional<WalGap> g = WalGap.observe(Optional.empty(), List.of(drop("06", 100)), Optional.empty());
        assertEquals("2026-12-02T18:01:40Z", g.get().from());
        // a last archived time after the first drop is the drop itself (PostgreSQL counted it archived)
        Optional<WalGap> late = WalGap.observe(Optional.empty(), List.of(drop("06", 100)), Optional.of(T0.plusSeconds(101)));
        assertEquals("2026-12-02T18:01:40Z", late.get().from());
    }

    @Test
    void theSameStatusFilesSeenAgainChangeNothingNewerDropsExtendTheGap() {
        Optional<WalGap> g = WalGap.observe(Optional.empty(), List.of(drop("06", 100), drop("07", 101)), Optional.of(T0));
        assertEquals(g, WalGap.observe(g, List.of(drop("06", 100), drop("07", 101)), Optional.of(T0.plusSeconds(101))));
        Optional<WalGap> later = WalGap.observe(g, List.of(drop("07", 101), drop("0E", 160), drop("0F", 161)),
                Optional.of(T0.plusSeconds(150)));
        assertEquals(Optional.of(new WalGap("2026-12-02T18:00:00Z", "2026-12-02T18:02:41Z", "000000010000000000000006",
                "00000001000000000000000F", 4, 0)), later);
    }

    @Test
    void theBackupIsDueWhileThereIsAGapAndTheRepositoryAnswers() {
        Optional<WalGap> g = Optional.of(new WalGap("a", "2026-12-02T18:02:41Z", "x", "y", 1, 0));
        assertTrue(WalGap.backupDue(g, true, false));
        assertFalse(WalGap.backupDue(g, false, false), "repository unreachable");
        assertFalse(WalGap.backupDue(g, true, true), "one backup at a time");
        assertFalse(WalGap.backupDue(Optional.empty(), true, false), "no gap");
    }

    @Test
    void onlyASuccessfulBackupStartedAfterTheNewestDropClearsTheGap() {
        WalGap g = new WalGap("2026-12-02T18:00:00Z", "2026-12-02T18:02:41Z", "x", "y", 4, 0);
        assertEquals(Optional.empty(), WalGap.afterBackup(g, T0.plusSeconds(161), true));
        assertEquals(Optional.of(new WalGap("2026-12-02T18:00:00Z", "2026-12-02T18:02:41Z", "x", "y", 4, 1)),
                WalGap.afterBackup(g, T0.plusSeconds(161), false), "failed: kept, one attempt more");
        assertEquals(1, WalGap.afterBackup(g, T0.plusSeconds(160), true).get().backupAttempts(),
                "started before the newest drop: it does not cover it");
        WalGap unreadable = new WalGap("unknown", "unknown", "unknown", "unknown", 0, 0);
        assertEquals(Optional.empty(), WalGap.afterBackup(unreadable, T0, true), "a state file that could not be read");
    }
}
