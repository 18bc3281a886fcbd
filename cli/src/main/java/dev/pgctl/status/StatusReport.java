package dev.pgctl.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.wal.WalGap;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code pgctl status} shows; the JSON schema of {@code status --json}
 * is this record (field names are stable; new fields may be added).
 */
public record StatusReport(
        String role,
        Postgres postgres,
        Optional<Ssl> ssl,
        Optional<Archiving> archiving,
        Repository repository,
        Optional<Job> firstRun,
        boolean schedulerRunning,
        List<Schedule> schedules,
        List<Warning> warnings,
        Optional<ReplicationReport> replication,
        List<Space> space,
        Optional<DrillRecord> lastDrill,
        Optional<Monitor> monitor,
        Optional<WalBacklog> walBacklog,
        Optional<WalGap> walGap) {


    /**
     * pgctl monitor, shown when it should run or runs.
     *
     * @param running     a pgctl monitor process runs
     * @param metricsPort the port it serves metrics on (PGCTL_METRICS_PORT; empty: off)
     */
    public record Monitor(boolean running, Optional<Integer> metricsPort) {
    }

    public record Postgres(boolean up, Optional<Boolean> standby, String pgdata) {
    }

    /** on: what the running server says (empty when it is down). */
    public record Ssl(Optional<Boolean> on, String certificate, String source, String expires, long daysLeft) {
        public Ssl withOn(Optional<Boolean> value) {
            return new Ssl(value, certificate, source, expires, daysLeft);
        }
    }

    public record Archiving(long archivedCount, Optional<String> lastArchivedWal, Optional<String> lastArchivedTime,
            long failedCount, Optional<String> lastFailedWal, Optional<String> lastFailedTime) {
    }

    /**
     * The repository; with a second one (issue 19), {@code repos} has one line for each (empty with one repository),
     * and the fields above are the whole: reachable when every repository is, error naming each that is not.
     */
    public record Repository(boolean configured, boolean reachable, Optional<String> error, String stanza,
            Optional<String> location, List<Backup> latest, int backupCount, List<RepoLine> repos) {
        public Repository(boolean configured, boolean reachable, Optional<String> error, String stanza,
                Optional<String> location, List<Backup> latest, int backupCount) {
            this(configured, reachable, error, stanza, location, latest, backupCount, List.of());
        }
    }

    /**
     * One repository of several, on its own line: pgBackRest's repo number, where it is, whether it can be read
     * (why not), its latest backup of each type, how many backups it holds, and the newest WAL segment archived there.
     */
    public record RepoLine(int repo, String location, boolean reachable, Optional<String> error, List<Backup> latest,
            int backupCount, Optional<String> newestWal) {
    }

    public record Backup(String type, String label, String finished, long ageSeconds, long sizeBytes, long repoBytes) {
    }

    public record Job(String state, String step, String message, String updated) {
    }

    public record Schedule(String type, Optional<String> cron, Optional<String> nextRun) {
    }

    /**
     * @param kind what the warning is about ({@link Warnings.Kind}); not in the JSON, whose warnings are
     *             {@code what} and {@code fix} only
     */
    public record Warning(@JsonIgnore Warnings.Kind kind, String what, String fix) {
    }

    /**
     * WAL that waits in pg_wal for the archiver, how fast that grows, and when pg_wal's file system is full at that
     * pace ({@link dev.pgctl.wal.WalForecast}).
     *
     * @param segments             segments waiting (.ready files)
     * @param bytesWaiting         their bytes
     * @param waitingSince         when the oldest of them became ready
     * @param path                 pg_wal
     * @param freeBytes            free bytes on pg_wal's file system
     * @param growthBytesPerSecond how fast the backlog grew over the last minutes (empty: not enough samples yet,
     *                             pgctl monitor records them)
     * @param secondsToFull        seconds until pg_wal's file system is full at that pace (only while it grows)
     */
    public record WalBacklog(long segments, long bytesWaiting, Optional<String> waitingSince, String path,
            long freeBytes, Optional<Double> growthBytesPerSecond, Optional<Long> secondsToFull) {
    }

    /** Free space where PostgreSQL writes (PGDATA) and where WAL waits for S3 (the archive spool). */
    public record Space(String what, String path, long freeBytes, long totalBytes) {
    }
}
