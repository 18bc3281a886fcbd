package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrillGateTest {
    /** pending, standby, another drill, a backup running -> the reason it does not start (the first that applies). */
    @ParameterizedTest
    @CsvSource({
        "false, false, false, false, ",
        "true,  true,  true,  true,  PENDING",
        "false, true,  true,  true,  STANDBY",
        "false, false, true,  true,  DRILL_RUNNING",
        "false, false, false, true,  BACKUP_RUNNING",
        "false, false, true,  false, DRILL_RUNNING"})
    void aDrillStartsOnlyOnAnEnabledPrimaryWithNoBackupOrDrillRunning(boolean pending, boolean standby, boolean drill,
            boolean backup, DrillGate.Reason reason) {
        Optional<DrillGate.Stop> stop = DrillGate.check(pending, standby, drill,
                backup ? Optional.of("incr backup, pid 42") : Optional.empty());
        assertEquals(Optional.ofNullable(reason), stop.map(DrillGate.Stop::reason));
        if (reason == DrillGate.Reason.BACKUP_RUNNING) {
            assertEquals("backup already running (incr backup, pid 42)", stop.get().why());
        }
    }
}
