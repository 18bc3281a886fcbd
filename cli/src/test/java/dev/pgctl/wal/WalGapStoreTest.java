package dev.pgctl.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading pgBackRest's log of drops once each, across restarts; the gap state file. */
class WalGapStoreTest {
    static final Instant T = Instant.parse("2026-12-02T18:00:00Z");

    static String line(String seg) {
        return "2026-12-02 18:01:30.098 P00   WARN: dropped WAL file '" + seg + "' because archive queue exceeded 96MB\n";
    }

    @Test
    void eachLoggedDropIsReadOnceAndAHalfWrittenLineWaits(@TempDir Path spool, @TempDir Path run) throws Exception {
        Path log = spool.resolve("main-archive-push-async.log");
        Files.writeString(log, line("000000010000000000000006") + "2026-12-02 18:01:30.099 P00   WARN: dropped WAL fi");
        assertEquals(List.of(new WalGap.Drop("000000010000000000000006", T)), WalGapStore.loggedDrops(spool, "main", run, T));
        assertEquals(List.of(), WalGapStore.loggedDrops(spool, "main", run, T), "read once");
        Files.writeString(log, "le '000000010000000000000007' because archive queue exceeded 96MB\n", StandardOpenOption.APPEND);
        assertEquals(List.of(new WalGap.Drop("000000010000000000000007", T.plusSeconds(10))),
                WalGapStore.loggedDrops(spool, "main", run, T.plusSeconds(10)), "the line, once it is whole");
        Files.writeString(log, line("000000010000000000000008"));
        assertEquals(List.of(new WalGap.Drop("000000010000000000000008", T)), WalGapStore.loggedDrops(spool, "main", run, T),
                "a log that shrank (rotated, emptied) is read from its start");
        assertEquals(List.of(), WalGapStore.loggedDrops(spool, "main", run, T), "no log, no drop");
    }

    @Test
    void theGapStateIsWrittenReadAndRemoved(@TempDir Path run) throws Exception {
        WalGap g = new WalGap("2026-12-02T18:00:00Z", "2026-12-02T18:02:00Z", "000000010000000000000006",
                "000000010000000000000008", 3, 1);
        assertEquals(Optional.empty(), WalGapStore.read(run));
        WalGapStore.write(run, Optional.of(g));
        assertEquals(Optional.of(g), WalGapStore.read(run));
        Files.writeString(run.resolve(WalGapStore.FILE), "{broken");
        assertEquals("unknown", WalGapStore.read(run).get().from(), "unreadable: a gap of unknown extent, never none");
        WalGapStore.write(run, Optional.empty());
        assertEquals(Optional.empty(), WalGapStore.read(run));
    }
}
