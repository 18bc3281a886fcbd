package dev.pgctl.status;

import dev.pgctl.drill.DrillPeriod;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.pgbackrest.Timelines;
import dev.pgctl.text.SafeText;
import dev.pgctl.ui.Units;
import dev.pgctl.wal.WalForecast;
import dev.pgctl.wal.WalGap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every warning of {@code pgctl status}: each a rule of what status found ({@link Facts}), nothing else. Pure;
 * table-tested in WarningsTest. The warnings come out in the order of {@link Kind} (the two space warnings in
 * the order of {@link Facts#space}, PGDATA first as status lists it).
 */
public final class Warnings {
    private Warnings() {
    }

    /**
     * What a warning is about: a stable name for scripts and alerts (one gauge per kind), never shown as text.
     * Renaming one breaks alerts: add new kinds, keep the old names.
     */
    public enum Kind {
        /** PostgreSQL does not accept connections on its socket. */
        POSTGRES_DOWN,
        /** A standby whose WAL receiver is not streaming from its primary. */
        STANDBY_NOT_STREAMING,
        /** The running server says ssl = off. */
        SSL_OFF,
        /** The server certificate expires in fewer than {@link #CERT_DAYS} days (or has expired). */
        CERT_EXPIRING,
        /** pg_stat_archiver's last failure is newer than its last success: WAL piles up in pg_wal. */
        ARCHIVING_FAILING,
        /** No S3 repository is configured: nothing is backed up. */
        NO_REPOSITORY,
        /** The repository is configured but cannot be read (network, credentials, bucket). */
        REPOSITORY_UNREADABLE,
        /** The repository holds WAL of a newer timeline than this primary writes: another primary archives there. */
        TWO_PRIMARIES,
        /** The repository is readable but holds no backup of this primary (and backups are not pending). */
        NO_BACKUP,
        /** An adopted cluster or a promoted replica: backups are off until {@code pgctl enable-backups}. */
        BACKUPS_PENDING,
        /** The backup scheduler should run on this primary but does not. */
        SCHEDULER_DOWN,
        /** The after-start job (stanza-create, first full backup) failed. */
        FIRST_BACKUP_FAILED,
        /** PGDATA's disk is nearly full ({@link SpaceWarnings#low}): PostgreSQL stops when it is full. */
        PGDATA_FULL,
        /** The archive spool's disk is nearly full ({@link SpaceWarnings#low}). */
        SPOOL_FULL,
        /** The last restore drill that ran failed. */
        DRILL_FAILED,
        /** No restore drill passed within twice the drill schedule's period ({@link DrillPeriod#overdue}). */
        DRILL_OVERDUE,
        /** pgctl monitor (metrics) was started but does not run. */
        MONITOR_DOWN,
        /**
         * pg_wal's disk fills with WAL that waits for the archiver, and is full within {@link WalForecast#SOON} at
         * the current pace, or half of the time from the start of the backlog to the full disk is gone.
         */
        WAL_DISK_FILLING,
        /**
         * pgBackRest dropped WAL to keep PostgreSQL up (PGCTL_WAL_BACKLOG_MAX): point-in-time recovery has a gap, and
         * the latest state is not restorable until pgctl's full backup after it succeeded ({@link WalGap}).
         */
        WAL_DROPPED
    }

    /** Below this many days left, the certificate warns. */
    public static final long CERT_DAYS = 30;

    /**
     * What {@code pgctl status} found; each probe that could not answer is empty.
     *
     * @param postgresUp       PostgreSQL accepts connections on its socket
     * @param socketDir        where that socket is
     * @param standby          the server says it is in recovery (empty when it is down)
     * @param standbyNow       a standby now: the server says so, or, while it is down, a replica whose PGDATA has
     *                         standby.signal (backups are taken on the primary)
     * @param primaryHost      PGCTL_PRIMARY_HOST, when set
     * @param replication      replication as the running server reports it
     * @param ssl              the certificate, and whether the running server has SSL on (empty when it is down)
     * @param sslDir           where a provided certificate is put
     * @param archiving        pg_stat_archiver (empty when the server is down)
     * @param repository       the repository as status shows it (configured, reachable, error, stanza, backups)
     * @param currentWalFile   the WAL segment this primary writes now (empty on a standby or when not asked)
     * @param archiveMax       the newest WAL segment in the repository
     * @param backupsPending   PGDATA holds the backups-pending marker (an adopted cluster or a promoted replica)
     * @param schedulerRunning the backup scheduler runs
     * @param firstRun         the after-start job's state
     * @param space            free space of PGDATA and the archive spool
     * @param enableCommand    the command that enables backups of this container
     * @param monitorExpected  bootstrap started pgctl monitor (its marker is in the run directory)
     * @param monitorRunning   a pgctl monitor process runs
     * @param walBacklog       the WAL waiting in pg_wal and its forecast (empty when pg_wal cannot be read)
     * @param walGap           WAL dropped to keep PostgreSQL up, until pgctl's full backup after it succeeded
     */
    public record Facts(boolean postgresUp, String socketDir, Optional<Boolean> standby, boolean standbyNow,
            Optional<String> primaryHost, Optional<ReplicationReport> replication, Optional<StatusReport.Ssl> ssl,
            String sslDir, Optional<StatusReport.Archiving> archiving, StatusReport.Repository repository,
            Optional<String> currentWalFile, Optional<String> archiveMax, boolean backupsPending,
            boolean schedulerRunning, Optional<StatusReport.Job> firstRun, List<StatusReport.Space> space,
            String enableCommand, Drills drills, boolean monitorExpected, boolean monitorRunning,
            Optional<StatusReport.WalBacklog> walBacklog, Optional<WalGap> walGap) {
    }

    /**
     * The kept drill results, as status reads them.
     *
     * @param schedule      PGCTL_DRILL_SCHEDULE (empty: off)
     * @param period        the longest gap between two of its runs
     * @param lastRan       the newest drill that ran (passed or failed)
     * @param lastPassed    when the newest drill that passed finished
     * @param firstRecorded when the oldest kept drill started
     * @param now           the time of the status
     */
    public record Drills(Optional<String> schedule, Duration period, Optional<DrillRecord> lastRan,
            Optional<Instant> lastPassed, Optional<Instant> firstRecorded, Instant now) {
        public static Drills of(Optional<String> schedule, Duration period, List<DrillRecord> oldestFirst, Instant now) {
            Optional<DrillRecord> lastRan = Optional.empty();
            Optional<Instant> lastPassed = Optional.empty();
            for (DrillRecord r : oldestFirst) {
                if (r.ran()) {
                    lastRan = Optional.of(r);
                }
                if (r.passed()) {
                    lastPassed = Optional.of(Instant.parse(r.finished()));
                }
            }
            return new Drills(schedule, period, lastRan, lastPassed,
                    oldestFirst.stream().findFirst().map(r -> Instant.parse(r.started())), now);
        }
    }

    /** Every warning that the facts call for. */
    public static List<StatusReport.Warning> of(Facts f) {
        List<StatusReport.Warning> out = new ArrayList<>();
        if (!f.postgresUp()) {
            out.add(new StatusReport.Warning(Kind.POSTGRES_DOWN, "PostgreSQL does not accept connections on "
                    + f.socketDir(), "docker logs <container>"));
        }
        f.replication().flatMap(ReplicationReport::upstream).filter(u -> !u.state().equals("streaming"))
                .ifPresent(u -> out.add(new StatusReport.Warning(Kind.STANDBY_NOT_STREAMING,
                        "this standby is not streaming from " + f.primaryHost().orElse("its primary") + " (" + u.state() + ")",
                        "docker logs <container>; docker exec <container> pgctl replica status")));
        f.ssl().ifPresent(t -> {
            if (t.on().equals(Optional.of(false))) {
                out.add(new StatusReport.Warning(Kind.SSL_OFF, "SSL is off: clients cannot connect over TCP",
                        "docker restart <container>   # pgctl turns SSL on at start"));
            }
            if (t.daysLeft() < CERT_DAYS) {
                out.add(new StatusReport.Warning(Kind.CERT_EXPIRING,
                        "the server certificate expires in " + t.daysLeft() + " days",
                        t.source().equals("generated") ? "docker exec <container> pgctl ssl rotate"
                                : "put a renewed server.crt and server.key in " + f.sslDir()
                                        + ", then: docker exec <container> pgctl ssl rotate"));
            }
        });
        f.archiving().filter(Warnings::archivingFails).ifPresent(a -> out.add(new StatusReport.Warning(
                Kind.ARCHIVING_FAILING, "WAL archiving is failing (last failure " + a.lastFailedTime().get()
                        + "); WAL is kept in pg_wal until it succeeds", "docker exec <container> pgctl check")));
        StatusReport.Repository r = f.repository();
        if (!r.configured()) {
            out.add(new StatusReport.Warning(Kind.NO_REPOSITORY, "no backup repository is configured",
                    "set PGBACKREST_REPO1_S3_BUCKET, PGBACKREST_REPO1_S3_ENDPOINT, PGBACKREST_REPO1_S3_KEY and "
                            + "PGBACKREST_REPO1_S3_KEY_SECRET, then restart the container"));
        } else if (!r.reachable()) {
            out.add(new StatusReport.Warning(Kind.REPOSITORY_UNREADABLE,
                    "the repository cannot be read: " + r.error().orElse(""), "docker exec <container> pgctl check"));
        } else {
            if (f.postgresUp() && f.standby().equals(Optional.of(false))) {
                f.currentWalFile().flatMap(seg -> Timelines.forked(seg, f.archiveMax())).ifPresent(fork -> out.add(
                        new StatusReport.Warning(Kind.TWO_PRIMARIES, fork.what(r.stanza()), Timelines.Fork.fix())));
            }
            if (r.backupCount() == 0 && !f.standbyNow() && !f.backupsPending()) {
                out.add(new StatusReport.Warning(Kind.NO_BACKUP, "the repository holds no backup of this cluster yet",
                        "docker exec <container> pgctl backup full"));
            }
        }
        if (f.backupsPending() && !f.standbyNow()) {
            out.add(new StatusReport.Warning(Kind.BACKUPS_PENDING, "backups pending: nothing is sent to S3 until you "
                    + "enable them (this cluster was created without pgctl, or is a promoted replica)", f.enableCommand()));
        } else if (!f.schedulerRunning() && r.configured() && !f.standbyNow() && !f.backupsPending()) {
            out.add(new StatusReport.Warning(Kind.SCHEDULER_DOWN,
                    "the backup scheduler is not running: no scheduled backup will start", "docker restart <container>"));
        }
        f.firstRun().filter(j -> j.state().equals("failed")).ifPresent(j -> out.add(new StatusReport.Warning(
                Kind.FIRST_BACKUP_FAILED, "the first backup job failed at " + j.step() + ": " + j.message(),
                "docker exec <container> pgctl check; then docker exec <container> pgctl backup full")));
        out.addAll(SpaceWarnings.of(f.space()));
        if (!f.standbyNow()) {
            Drills d = f.drills();
            d.lastRan().filter(dr -> dr.result().equals(DrillRecord.FAILED)).ifPresent(dr -> out.add(new StatusReport.Warning(
                    Kind.DRILL_FAILED, "the last restore drill (" + dr.started() + ") failed: "
                            + SafeText.visible(dr.failures().isEmpty() ? "see pgctl drills" : dr.failures().get(0)),
                    "docker exec <container> pgctl drills; after fixing it: docker exec <container> pgctl drill")));
            if (d.schedule().isPresent() && DrillPeriod.overdue(d.period(), d.lastPassed(), d.firstRecorded(), d.now())) {
                out.add(new StatusReport.Warning(Kind.DRILL_OVERDUE, "no restore drill passed "
                        + d.lastPassed().map(t -> "since " + t).orElse("yet") + " (schedule " + d.schedule().get()
                        + ", every " + Units.age(d.period().toSeconds()) + " at most)",
                        "docker exec <container> pgctl drills   # why they failed or were skipped; "
                                + "then: docker exec <container> pgctl drill"));
            }
        }
        if (f.monitorExpected() && !f.monitorRunning()) {
            out.add(new StatusReport.Warning(Kind.MONITOR_DOWN,
                    "pgctl monitor is not running: no metrics are served (PostgreSQL and backups are not affected)",
                    "docker restart <container>"));
        }
        if (!f.standbyNow()) {
            f.walBacklog().ifPresent(w -> walFilling(w, f.drills().now()).ifPresent(out::add));
        }
        f.walGap().ifPresent(g -> out.add(new StatusReport.Warning(Kind.WAL_DROPPED, g.what(),
                "docker exec <container> pgctl check   # once the repository answers, pgctl takes the full backup by "
                        + "itself (docker logs <container>); or take it now: docker exec <container> pgctl backup full")));
        return out;
    }

    /** {@link Kind#WAL_DISK_FILLING}, by {@link WalForecast#warning}. */
    static Optional<StatusReport.Warning> walFilling(StatusReport.WalBacklog w, Instant now) {
        WalForecast.Forecast f = new WalForecast.Forecast(w.bytesWaiting(), w.freeBytes(), w.growthBytesPerSecond(),
                w.secondsToFull());
        Optional<Instant> since = w.waitingSince().map(Instant::parse);
        return WalForecast.warning(f, since, now).map(why -> new StatusReport.Warning(Kind.WAL_DISK_FILLING,
                "pg_wal's disk (" + w.path() + ") is full in about " + Units.age(w.secondsToFull().get())
                        + " at the pace WAL piles up for the archiver (" + Units.bytes(Math.round(w.growthBytesPerSecond()
                                .get() * 60)) + "/min; " + Units.bytes(w.bytesWaiting()) + " in " + w.segments()
                        + " segments waiting" + w.waitingSince().map(t -> " since " + t).orElse("") + ", "
                        + Units.bytes(w.freeBytes()) + " free): PostgreSQL stops when it is full",
                "docker exec <container> pgctl check   # then bring the repository back, or grow pg_wal's volume; "
                        + "PGCTL_WAL_BACKLOG_MAX drops WAL instead of stopping (README, WAL guard)"));
    }

    /** Failing: it failed at least once, and its last failure is newer than its last success (or none). */
    static boolean archivingFails(StatusReport.Archiving a) {
        return a.failedCount() > 0 && a.lastFailedTime().isPresent()
                && a.lastFailedTime().get().compareTo(a.lastArchivedTime().orElse("")) > 0;
    }
}
