package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.drill.DrillLock;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.DrillResults;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.json.Json;
import dev.pgctl.problem.ExitCodes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgctl drill and pgctl drills, in-process on a fake process runner: when a drill does not start, and the list. */
class DrillCommandTest {
    @TempDir
    Path dir;
    Map<String, String> vars;

    @BeforeEach
    void setUp() {
        vars = InProcess.vars(dir, "PGCTL_DRILL_RESULTS", dir.resolve("drills").toString(),
                "PGCTL_DRILL_DIR", dir.resolve("scratch").toString());
    }

    @Test
    void aScheduledDrillOnAStandbyIsSkippedInOneLineWithExit0() throws Exception {
        FakeProc proc = new FakeProc().sql("select pg_is_in_recovery()", ok("t\n"));
        InProcess.Run r = InProcess.run(vars, proc, "drill", "--scheduled");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals("skipped: this node is a standby: drills run on the primary", r.stdout().strip().replaceAll("^.*\\] ", ""),
                r.all());
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }

    @Test
    void byHandOnAStandbyItExits5() throws Exception {
        FakeProc proc = new FakeProc().sql("select pg_is_in_recovery()", ok("t\n"));
        InProcess.Run r = InProcess.run(vars, proc, "drill");
        assertEquals(ExitCodes.STANDBY, r.exitCode(), r.all());
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }

    @Test
    void aDrillWhileAnotherRunsIsSkippedOnScheduleAndRefusedByHand() throws Exception {
        FakeProc proc = new FakeProc().sql("select pg_is_in_recovery()", ok("f\n"));
        try (DrillLock other = DrillLock.tryTake(dir.resolve("run"))) {
            assertTrue(other.held());
            InProcess.Run scheduled = InProcess.run(vars, proc, "drill", "--scheduled");
            assertEquals(ExitCodes.OK, scheduled.exitCode(), scheduled.all());
            assertTrue(scheduled.stdout().contains("skipped: another drill is running"), scheduled.all());
            InProcess.Run byHand = InProcess.run(vars, proc, "drill");
            assertEquals(ExitCodes.BUSY, byHand.exitCode(), byHand.all());
        }
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }

    @Test
    void drillsListsTheKeptResultsNewestFirst() throws Exception {
        DrillResults results = new DrillResults(dir.resolve("drills"));
        for (String t : List.of("2026-11-18T04:15:00Z", "2026-11-25T04:15:00Z")) {
            results.store(new DrillRecord(t, Instant.parse(t).plusSeconds(60).toString(), DrillRecord.PASSED, true,
                    Optional.of("20261122-010000F"), Optional.empty(), 10, 5, 60, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of()), 30);
        }
        InProcess.Run r = InProcess.run(vars, new FakeProc(), "drills", "--json", "--last", "1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        List<?> list = Json.MAPPER.readValue(r.stdout(), List.class);
        assertEquals(1, list.size());
        assertEquals("2026-11-25T04:15:00Z", ((Map<?, ?>) list.get(0)).get("started"));
        InProcess.Run text = InProcess.run(vars, new FakeProc(), "drills");
        assertTrue(text.stdout().indexOf("2026-11-25T04:15:00Z") < text.stdout().indexOf("2026-11-18T04:15:00Z"), text.all());
    }
}
