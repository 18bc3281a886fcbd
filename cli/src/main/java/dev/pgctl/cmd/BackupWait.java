package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import java.time.Duration;

/**
 * What a backup does when pgBackRest finds the stanza's backup lock held by another backup. A pure
 * decision, table-tested in BackupWaitTest.
 *
 * <ul>
 *   <li>Scheduled (cron): an incremental is skipped (the next one is minutes away); a full or differential
 *       waits for the lock, up to {@link #SCHEDULED_LIMIT}, then is skipped. Both exit 0: cron must not
 *       report a busy repository as a failure.</li>
 *   <li>By hand: waits for the running backup, however long it takes, and then takes the one that was
 *       asked for; exit 0 then means that backup exists. With --no-wait it refuses at once with
 *       {@link dev.pgctl.problem.ExitCodes#BUSY}.</li>
 * </ul>
 */
final class BackupWait {
    /** How long a scheduled full or differential backup waits for a running one before it is skipped. */
    static final Duration SCHEDULED_LIMIT = Duration.ofMinutes(60);

    enum Action {
        /** the lock is free: the backup runs (or has run) */
        RUN,
        /** wait for the running backup, then try again */
        WAIT,
        /** log "skipped: backup already running" and exit 0 (scheduled jobs only) */
        SKIP,
        /** exit non-zero: the requested backup was not taken (--no-wait) */
        REFUSE
    }

    private BackupWait() {
    }

    /**
     * @param scheduled started by cron (--scheduled)
     * @param incr      the backup asked for is incremental
     * @param noWait    --no-wait was given (only by hand)
     * @param lockHeld  pgBackRest reported that another backup holds the lock
     * @param waited    how long this command has waited so far
     */
    static Action decide(boolean scheduled, boolean incr, boolean noWait, boolean lockHeld, Duration waited) {
        if (!lockHeld) {
            return Action.RUN;
        }
        if (scheduled) {
            return incr || waited.compareTo(SCHEDULED_LIMIT) >= 0 ? Action.SKIP : Action.WAIT;
        }
        return noWait ? Action.REFUSE : Action.WAIT;
    }

    /**
     * A scheduled job leaves a new cluster to its after-start job while that job still prepares the stanza and
     * the first full backup: before, a job at :00 or :30 could meet the official entrypoint's temporary
     * initialisation server. A job state left "pending" or "running" by an after-start job that no longer runs
     * (killed) does not hold the schedule back.
     */
    static boolean leaveToAfterStart(boolean scheduled, String jobState, boolean afterStartAlive) {
        return scheduled && afterStartAlive && (jobState.equals("pending") || jobState.equals("running"));
    }
}
