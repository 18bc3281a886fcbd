package dev.pgctl.problem;

/**
 * The documented exit codes of every pgctl command (README "Exit codes").
 * Scripts and cron rely on them: never renumber, only add.
 */
public final class ExitCodes {
    /**
     * The command did what it was asked (a backup exists), or, for scheduled jobs only, cleanly skipped work
     * that was not needed or not possible now.
     */
    public static final int OK = 0;
    /** The operation ran and failed (pgBackRest, PostgreSQL or the system reported an error). */
    public static final int FAILED = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The configuration (environment variables or files they name) is invalid; nothing was changed. */
    public static final int CONFIG = 3;
    /** Refused to protect data: an automatic action could lose or overwrite a database. */
    public static final int UNSAFE = 4;
    /** The command is for a primary and this node is a standby. */
    public static final int STANDBY = 5;
    /** The command is not available in this version. */
    public static final int NOT_AVAILABLE = 6;
    /** A check found a problem (status/check: something needs attention). */
    public static final int UNHEALTHY = 7;
    /** Another operation holds what this one needs and the caller asked not to wait (backup --no-wait); nothing was done. */
    public static final int BUSY = 8;

    private ExitCodes() {
    }
}
