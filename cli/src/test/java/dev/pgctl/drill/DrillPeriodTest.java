package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrillPeriodTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "* * * * *    | PT1M",
        "15 4 * * 3   | PT168H",
        "0 1 * * 1-6  | PT48H",
        "0 4 * * 1,3  | PT120H",
        "*/30 * * * * | PT30M"})
    void thePeriodIsTheLongestGapBetweenRuns(String cron, String period) {
        assertEquals(Duration.parse(period), DrillPeriod.of(cron.strip(), NOW, ZoneId.of("UTC")));
    }

    @Test
    void overdueCountsFromTheLastPassElseTheFirstRecordElseNever() {
        Duration week = Duration.ofDays(7);
        Instant d14 = NOW.minus(Duration.ofDays(14));
        assertEquals(false, DrillPeriod.overdue(week, Optional.of(d14), Optional.empty(), NOW));
        assertEquals(true, DrillPeriod.overdue(week, Optional.of(d14.minusSeconds(1)), Optional.empty(), NOW));
        assertEquals(false, DrillPeriod.overdue(week, Optional.of(NOW), Optional.of(d14.minusSeconds(1)), NOW));
        assertEquals(true, DrillPeriod.overdue(week, Optional.empty(), Optional.of(d14.minusSeconds(1)), NOW));
        assertEquals(false, DrillPeriod.overdue(week, Optional.empty(), Optional.empty(), NOW));
    }
}
