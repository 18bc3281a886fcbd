package dev.pgctl.drill;

import java.util.Optional;

/**
 * Whether {@code pgctl drill} may start now. Pure; table-tested in DrillGateTest. A scheduled drill that may not
 * start says so in one line and exits 0 (cron must not report it as a failure); by hand it refuses with an exit code.
 * A drill only reads the repository, so a backup that starts while a drill runs is never held up by it; a drill
 * does not start while a backup runs, so that the two never compete for the disk and the network.
 */
public final class DrillGate {
    /** Why the drill does not start, and the exit code by hand. */
    public record Stop(String why, Reason reason) {
    }

    public enum Reason { PENDING, STANDBY, DRILL_RUNNING, BACKUP_RUNNING }

    private DrillGate() {
    }

    /**
     * @param backupsPending PGDATA holds the backups-pending marker
     * @param standby        this node is a standby
     * @param drillRunning   another drill holds the drill lock
     * @param backup         the backup that runs now, described
     */
    public static Optional<Stop> check(boolean backupsPending, boolean standby, boolean drillRunning,
            Optional<String> backup) {
        if (backupsPending) {
            return Optional.of(new Stop("backups are not enabled for this cluster yet", Reason.PENDING));
        }
        if (standby) {
            return Optional.of(new Stop("this node is a standby: drills run on the primary", Reason.STANDBY));
        }
        if (drillRunning) {
            return Optional.of(new Stop("another drill is running", Reason.DRILL_RUNNING));
        }
        return backup.map(b -> new Stop("backup already running (" + b + ")", Reason.BACKUP_RUNNING));
    }
}
