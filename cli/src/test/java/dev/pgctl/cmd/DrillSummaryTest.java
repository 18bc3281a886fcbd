package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.restore.Drill;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "took" line of a drill's summary (restore --to): durations, and the restore's throughput. */
class DrillSummaryTest {
    static Drill.Report report(long restoreSeconds, Optional<Long> size) {
        return new Drill.Report(true, "the latest backup", Optional.of("20261202-185746F"), Optional.empty(), restoreSeconds, 1,
                restoreSeconds + 2, Optional.of(2), size, Optional.of(true), Optional.of(10L), Optional.of(0L),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void theRestoresThroughputIsTheRestoredSizeOverItsTime() {
        assertEquals("6 s (restore 4 s, 46.0 MiB/s; recovery 1 s)", RestoreCommand.took(report(4, Optional.of(4L * (46L << 20)))));
    }

    @Test
    void withoutASizeOrWithinASecondThereIsNoThroughput() {
        assertEquals("2 s (restore 0 s; recovery 1 s)", RestoreCommand.took(report(0, Optional.of(186_800_000L))));
        assertEquals("5 s (restore 3 s; recovery 1 s)", RestoreCommand.took(report(3, Optional.empty())));
    }
}
