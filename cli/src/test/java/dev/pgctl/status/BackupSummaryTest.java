package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.pgbackrest.Expired;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.RepoInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupSummaryTest {
    static final RepoInfo.Backup FULL = new RepoInfo.Backup("20261202-181500F", "full", Instant.EPOCH, Instant.EPOCH,
            1200L << 20, 180L << 20, Optional.empty(), Optional.empty(), Map.of("pgctl-label", "tty-demo"), false);

    @Test
    void whatWasDoneLabelAnnotationSizesRatioDurationThroughputAndWhatExpired() {
        assertEquals(List.of(
                "full backup done: 20261202-181500F",
                "  annotation  pgctl-label=tty-demo",
                "  size        1.2 GiB, stored 180.0 MiB (15 %)",
                "  took        12 s, 100.0 MiB/s",
                "  expired     backup set 20261125-010000F"),
                BackupSummary.lines("full backup", Optional.of("20261202-181500F"), Optional.of(FULL),
                        Optional.of(1200L << 20), Duration.ofSeconds(12),
                        Expired.parse("P00   INFO: repo1: expire full backup 20261125-010000F")));
    }

    @Test
    void aBackupTheRepositoryCouldNotListHasNoSizes() {
        assertEquals(List.of("incr backup done: 20261202-181500F_20261202-183000I", "  took        2.5 s",
                "  expired     nothing"),
                BackupSummary.lines("incr backup", Optional.of("20261202-181500F_20261202-183000I"), Optional.empty(),
                        Optional.empty(), Duration.ofMillis(2500), Expired.parse("")));
    }

    /** A diff or incr: what changed (pgBackRest's "backup size"), of the database's size; the throughput is of it. */
    @Test
    void anIncrShowsWhatChangedAndItsThroughput() {
        RepoInfo.Backup incr = new RepoInfo.Backup("20261202-181500F_20261202-183000I", "incr", Instant.EPOCH, Instant.EPOCH,
                1200L << 20, 2L << 20, Optional.empty(), Optional.empty(), Map.of(), false);
        assertEquals(List.of("incr backup done: 20261202-181500F_20261202-183000I",
                "  size        8.0 MiB changed of 1.2 GiB, stored 2.0 MiB (25 %)", "  took        2.0 s, 4.0 MiB/s",
                "  expired     nothing"),
                BackupSummary.lines("incr backup", Optional.of(incr.label()), Optional.of(incr),
                        PgBackRest.copiedBytes("P00   INFO: incr backup size = 8MB, file total = 972"),
                        Duration.ofSeconds(2), Expired.parse("")));
    }
}
