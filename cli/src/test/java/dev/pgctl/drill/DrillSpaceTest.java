package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrillSpaceTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** backup MiB, free MiB, total MiB, same filesystem as PGDATA, runs. need = backup + 10% + 128 MiB. */
    @ParameterizedTest(name = "backup {0} MiB, free {1} of {2} MiB, on PGDATA''s disk {3}: runs {4}")
    @CsvSource({
        // another disk: exactly the need fits, one byte less does not
        "1000, 1228, 100000, false, true",
        "1000, 1227, 100000, false, false",
        "0, 128, 1000, false, true",
        "30, 1, 1, false, false",
        // PGDATA's disk: the need plus 10% of the disk (at least 1 GiB) must stay free
        "1000, 11228, 100000, true, true",
        "1000, 11227, 100000, true, false",
        "1000, 2252, 5000, true, true",
        "1000, 2251, 5000, true, false",
        "1000, 90000, 100000, true, true",
    })
    void aDrillRunsOnlyWhenItFitsAndLeavesTheClusterItsHeadroom(long backup, long free, long total, boolean same,
            boolean runs) {
        Optional<String> skip = DrillSpace.skip(backup * MIB, free * MIB, total * MIB, same);
        assertEquals(runs, skip.isEmpty(), skip.orElse("runs"));
    }

    @ParameterizedTest
    @CsvSource({"false, PGCTL_DRILL_DIR's filesystem has", "true, on PGDATA's own filesystem"})
    void theReasonSaysWhatWasNeededAndWhatWasFree(boolean same, String says) {
        String why = DrillSpace.skip(10 * GIB, GIB, 100 * GIB, same).orElseThrow();
        assertTrue(why.startsWith("the drill needs about 11.1 GiB (the backup's 10.0 GiB + 10%)"), why);
        assertTrue(why.contains(says), why);
        assertTrue(why.contains("1.0 GiB free"), why);
    }

    @Test
    void theFloorIsTenPercentOfTheDiskAndAtLeastOneGib() {
        assertEquals(GIB, DrillSpace.floor(5 * GIB));
        assertEquals(10 * GIB, DrillSpace.floor(100 * GIB));
    }
}
