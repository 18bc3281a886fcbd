package dev.pgctl.drill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Drill results for tests of the rules that read them (status warnings, alert conditions). */
public final class DrillRecords {
    private DrillRecords() {
    }

    /** A drill of the given result that started {@code daysAgo} days before {@code now} and took a minute. */
    public static DrillRecord drill(Instant now, String result, double daysAgo) {
        Instant start = now.minusSeconds((long) (daysAgo * 86400));
        return new DrillRecord(start.toString(), start.plusSeconds(60).toString(), result, true,
                Optional.of("20261122-010000F"), Optional.empty(), 20, 10, 60, Optional.of(1L << 30), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(),
                result.equals(DrillRecord.PASSED) ? List.of() : List.of("query failed: select false: returned f, not true"));
    }
}
