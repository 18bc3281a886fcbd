package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.cmd.BackupWait.Action;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupWaitTest {
    /** started by | type | --no-wait | lock | waited (min) | action */
    @ParameterizedTest(name = "{0} {1} no-wait={2} lock={3} waited={4} min -> {5}")
    @CsvSource({
        // the lock is free: the backup runs, whoever started it
        "hand,      full, false, free, 0,   RUN",
        "hand,      incr, true,  free, 0,   RUN",
        "scheduled, incr, false, free, 0,   RUN",
        "scheduled, full, false, free, 61,  RUN",
        // by hand: wait for the running backup however long it takes, then take the one asked for
        "hand,      full, false, held, 0,   WAIT",
        "hand,      diff, false, held, 0,   WAIT",
        "hand,      incr, false, held, 0,   WAIT",
        "hand,      full, false, held, 600, WAIT",
        // by hand with --no-wait: refuse (non-zero exit), never a silent 0
        "hand,      full, true,  held, 0,   REFUSE",
        "hand,      incr, true,  held, 0,   REFUSE",
        // scheduled: the rules cron has always had
        "scheduled, incr, false, held, 0,   SKIP",
        "scheduled, full, false, held, 0,   WAIT",
        "scheduled, diff, false, held, 59,  WAIT",
        "scheduled, full, false, held, 60,  SKIP",
        "scheduled, diff, false, held, 61,  SKIP",
    })
    void decides(String by, String type, boolean noWait, String lock, long waitedMinutes, Action expected) {
        assertEquals(expected, BackupWait.decide(by.equals("scheduled"), type.equals("incr"), noWait, lock.equals("held"),
                Duration.ofMinutes(waitedMinutes)));
    }

    /** started by | after-start job state | an after-start process runs | leave it to the after-start job */
    @ParameterizedTest(name = "{0} job={1} alive={2} -> {3}")
    @CsvSource({
        "scheduled, pending, true,  true",
        "scheduled, running, true,  true",
        "scheduled, done,    true,  false",
        "scheduled, failed,  true,  false",   // the schedule is how a failed first backup is retried
        "scheduled, running, false, false",   // a killed job's state must not stop the schedule
        "scheduled, '',      false, false",
        "hand,      running, true,  false",   // by hand: the lock rules above apply
    })
    void aScheduledJobLeavesANewClusterToItsAfterStartJob(String by, String state, boolean alive, boolean leave) {
        assertEquals(leave, BackupWait.leaveToAfterStart(by.equals("scheduled"), state, alive));
    }
}
