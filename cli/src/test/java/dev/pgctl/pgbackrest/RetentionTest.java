package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionTest {
    static int clock = 0;

    static RepoInfo.Backup b(String label, String type) {
        Instant t = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * clock++);
        return new RepoInfo.Backup(label, type, t, t.plusSeconds(60), 1, 1, Optional.empty(), Optional.empty(), Map.of(), false);
    }

    static final String F1 = "20261101-010000F";
    static final String F2 = "20261108-010000F";
    static final List<RepoInfo.Backup> REPO = List.of(
            b(F1, "full"), b(F1 + "_20261102-010000D", "diff"), b(F1 + "_20261102-013000I", "incr"),
            b(F1 + "_20261103-010000D", "diff"), b(F1 + "_20261103-013000I", "incr"),
            b(F2, "full"), b(F2 + "_20261109-010000D", "diff"));

    @Test
    void theNextFullExpiresTheOldestFullSetWithEverythingThatDependsOnIt() {
        assertEquals(List.of(F1, F1 + "_20261102-010000D", F1 + "_20261102-013000I", F1 + "_20261103-010000D",
                F1 + "_20261103-013000I"), Retention.next(REPO, 2, Optional.empty()).afterNextFull());
    }

    @Test
    void nothingExpiresWhileTheRetentionHasRoom() {
        assertEquals(List.of(), Retention.next(REPO, 3, Optional.empty()).afterNextFull());
        assertEquals(List.of(), Retention.next(List.of(), 1, Optional.of(1)).afterNextFull());
    }

    @Test
    void retentionOneReplacesTheOnlyFullSet() {
        assertEquals(List.of(F1), Retention.next(List.of(b(F1, "full")), 1, Optional.empty()).afterNextFull());
    }

    @Test
    void retentionDiffExpiresOldDiffsAndTheirIncrementalsButNeverAFull() {
        // full, diff, diff, full, diff = 5 counted; after one more diff 6; retention-diff 4 -> the 2 oldest counted go,
        // of which only the diff expires (a full is never expired by retention-diff)
        assertEquals(List.of(F1 + "_20261102-010000D", F1 + "_20261102-013000I"),
                Retention.next(REPO, 9, Optional.of(4)).afterNextDiff());
        assertEquals(List.of(), Retention.next(REPO, 9, Optional.of(6)).afterNextDiff());
    }
}
