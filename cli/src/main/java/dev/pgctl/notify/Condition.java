package dev.pgctl.notify;

import java.util.Locale;

/**
 * One active alert condition: what is wrong now, how bad, and the command that fixes it.
 *
 * @param id       which condition ({@link Id}): stable, the payload's {@code condition}
 * @param severity how bad
 * @param message  one line: what is wrong, with the facts that say so (no secret)
 * @param fix      the command or step that fixes it
 */
public record Condition(Id id, Severity severity, String message, String fix) {

    /**
     * The alert conditions, by the stable ids of the monitoring contract (payload {@code condition}: the name in
     * lower case). Renaming one breaks receivers' routing rules: add new ids, keep the old ones.
     */
    public enum Id {
        /** A backup (scheduled or by hand, or the first full backup) failed and no later success made up for it. */
        BACKUP_FAILED,
        /** No successful backup for longer than its schedule allows. */
        BACKUP_TOO_OLD,
        /** WAL waits to be archived and nothing was archived for longer than archive_timeout + a margin. */
        WAL_ARCHIVING_STALLED,
        /** The repository cannot be read (network, credentials refused, bucket). */
        REPOSITORY_UNREACHABLE,
        /** The backup scheduler should run and does not. */
        SCHEDULER_DOWN,
        /** More WAL waits in pg_wal than archiving should ever leave there. */
        WAL_BACKLOG_GROWING,
        /** PGDATA's disk is nearly full. */
        PGDATA_FILLING,
        /** The archive spool's disk is nearly full. */
        SPOOL_FULL,
        /** Another primary archives into this stanza. */
        TWO_PRIMARIES,
        /** The server certificate expires within 30 days. */
        CERTIFICATE_EXPIRING,
        /** A standby does not stream from its primary. */
        STANDBY_NOT_STREAMING,
        /** The last restore drill failed. */
        DRILL_FAILED,
        /** The last pgctl prune (calendar retention) failed and none succeeded since. */
        PRUNE_FAILED,
        /** pg_wal's disk is full within an hour at the pace WAL piles up, or half the time to full is gone. */
        WAL_DISK_FILLING,
        /** WAL was dropped to keep PostgreSQL up: a gap in point-in-time recovery until pgctl's full backup after it. */
        WAL_DROPPED;

        /** The payload's {@code condition}: backup_failed, ... */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** critical: data written now may not be restorable, or the server is about to stop; warning: act soon. */
    public enum Severity {
        CRITICAL, WARNING;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
