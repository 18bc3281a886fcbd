package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillResultsTest {
    @TempDir
    Path dir;

    static DrillRecord record(Instant started, String result) {
        return new DrillRecord(started.toString(), started.plusSeconds(42).toString(), result, true,
                Optional.of("20261122-010000F"), Optional.of("2026-11-22T01:05:00.123456Z"), 12, 8, 42, Optional.of(1L << 25),
                Optional.of(4000L), Optional.of(0L), Optional.of(new Amcheck.Counts("all", 60, 120, 0)),
                Optional.of(new DrillRecord.Queries(2, 2)), List.of());
    }

    @Test
    void eachDrillIsAFileReadBackOldestFirstAndOnlyTheNewestAreKept() throws Exception {
        DrillResults results = new DrillResults(dir.resolve("drills"));
        Instant t = Instant.parse("2026-11-25T04:15:00.5Z");
        for (int i = 0; i < 5; i++) {
            results.store(record(t.plusSeconds(60L * i), i == 4 ? DrillRecord.FAILED : DrillRecord.PASSED), 3);
        }
        List<DrillRecord> all = results.all();
        assertEquals(3, all.size());
        assertEquals(record(t.plusSeconds(120), DrillRecord.PASSED), all.get(0));
        assertEquals(Optional.of(record(t.plusSeconds(240), DrillRecord.FAILED)), results.latest());
        try (Stream<Path> s = Files.list(dir.resolve("drills"))) {
            assertEquals(List.of("drill-20261125T041700Z.json", "drill-20261125T041800Z.json", "drill-20261125T041900Z.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("drills/drill-20261125T041900Z.json"))));
    }

    @Test
    void anUnreadableFileIsLeftOutAndNoDirectoryMeansNoResult() throws Exception {
        assertEquals(Optional.empty(), new DrillResults(dir.resolve("none")).latest());
        DrillResults results = new DrillResults(dir);
        results.store(record(Instant.parse("2026-11-25T04:15:00Z"), DrillRecord.PASSED), 30);
        Files.writeString(dir.resolve("drill-20261126T041500Z.json"), "{half");
        assertEquals(1, results.all().size());
        assertTrue(results.latest().get().passed());
    }

    @Test
    void anOlderFileWithoutTheNewerFieldsReadsAsEmpty() throws Exception {
        Files.writeString(dir.resolve("drill-20261125T041500Z.json"), """
                {"started":"2026-11-25T04:15:00Z","finished":"2026-11-25T04:16:00Z","result":"skipped","scheduled":true,
                 "restoreSeconds":0,"recoverySeconds":0,"totalSeconds":0,"failures":["no room"],"someday":1}""");
        DrillRecord r = new DrillResults(dir).latest().orElseThrow();
        assertEquals(Optional.empty(), r.amcheck());
        assertEquals(List.of("no room"), r.failures());
    }
}
