package dev.pgctl.status;

import java.util.Optional;

/**
 * The "first backup" row of {@code pgctl status}: the after-start job's recorded state, told as it stands now.
 * Pure; table-tested in FirstRunTest.
 *
 * <p>The job records "pending, waiting for PostgreSQL" before PostgreSQL starts and goes on once PostgreSQL
 * accepts connections as a primary. After a restore, PostgreSQL accepts connections while it still replays WAL
 * (in recovery) and the job rightly waits, but the recorded words read as if PostgreSQL were down. A job
 * killed while pending or running never updates its state: it would read as pending for ever.
 */
public final class FirstRun {
    static final String WAITING = "waiting for PostgreSQL";

    private FirstRun() {
    }

    /**
     * @param recorded    what the job last wrote
     * @param jobRunning  the after-start job's process runs
     * @param postgresUp  PostgreSQL accepts connections
     * @param inRecovery  the running server is in recovery (empty when it is down)
     */
    public static Optional<StatusReport.Job> shown(Optional<StatusReport.Job> recorded, boolean jobRunning,
            boolean postgresUp, Optional<Boolean> inRecovery) {
        return recorded.map(j -> {
            boolean unfinished = j.state().equals("pending") || j.state().equals("running");
            if (unfinished && !jobRunning) {
                return new StatusReport.Job("stopped", j.step(), "the after-start job ended without finishing",
                        j.updated());
            }
            if (j.state().equals("pending") && j.step().equals(WAITING) && postgresUp
                    && inRecovery.equals(Optional.of(true))) {
                return new StatusReport.Job(j.state(), j.step(), "it accepts connections but is still in recovery "
                        + "(replaying WAL after a restore); the job goes on once it is promoted", j.updated());
            }
            return j;
        });
    }
}
