package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrillsTextTest {
    @Test
    void oneLinePerDrillWithItsFailuresUnderIt() {
        DrillRecord passed = DrillResultsTest.record(Instant.parse("2026-11-25T04:15:00.123Z"), DrillRecord.PASSED);
        DrillRecord failed = new DrillRecord("2026-11-26T04:15:00Z", "2026-11-26T04:16:00Z", DrillRecord.FAILED, true,
                Optional.of("20261122-010000F"), Optional.empty(), 12, 8, 60, Optional.of(1L << 25), Optional.of(4000L),
                Optional.of(0L), Optional.of(new Amcheck.Counts("all", 60, 120, 0)), Optional.of(new DrillRecord.Queries(2, 1)),
                List.of("query failed: select\u001b false: returned f, not true"));
        assertEquals("""
                STARTED              RESULT  BACKUP                                  RTO       SIZE CHECKSUMS              AMCHECK        QUERIES
                2026-11-26T04:15:00Z failed  20261122-010000F                       20 s   32.0 MiB 4000 pages, 0 bad      180, 0 bad     1/2
                    query failed: select\\u001b false: returned f, not true
                2026-11-25T04:15:00Z passed  20261122-010000F                       20 s   32.0 MiB 4000 pages, 0 bad      180, 0 bad     2/2
                """, DrillsText.table(List.of(failed, passed), "/x"));
        assertEquals("no drill recorded in /x yet\n", DrillsText.table(List.of(), "/x"));
        assertEquals("passed 2026-11-25T04:15:00Z: 20261122-010000F, RTO 20 s (restore 12 s, recovery 8 s), amcheck 180 "
                + "relations, queries 2/2", DrillsText.line(passed));
        assertEquals("failed 2026-11-26T04:15:00Z: query failed: select\\u001b false: returned f, not true",
                DrillsText.line(failed));
    }
}
