package dev.pgctl.notify;

import dev.pgctl.config.Config;
import dev.pgctl.notify.Condition.Id;
import dev.pgctl.notify.Condition.Severity;
import dev.pgctl.pg.ReadyWal;
import dev.pgctl.pgbackrest.BackupRecord;
import dev.pgctl.pgbackrest.PruneRecord;
import dev.pgctl.status.Schedules;
import dev.pgctl.status.StatusReport;
import dev.pgctl.status.Warnings;
import dev.pgctl.ui.Units;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which alert conditions are active: a pure function of gathered facts, table-tested in ConditionsTest. Where a
 * condition is a status warning it is that warning ({@link Warnings#of}, by {@link Warnings.Kind}), with its words
 * and fix; what status does not judge (a failed backup, a backup older than its schedule allows, WAL archiving
 * stalled, a WAL backlog) is judged here. At most one condition per id, in the order of {@link Id}.
 */
public final class Conditions {
    /** A scheduled run is expected to have ended this long after it started (or one period, if shorter). */
    public static final Duration RUN_GRACE = Duration.ofHours(12);
    /**
     * WAL archiving is stalled once nothing was archived for archive_timeout plus this, while WAL waits. With the
     * monitor's evaluation once a minute, the alert comes at most archive_timeout + this + 60 s after archiving
     * stopped: 30 s keeps that within the promised archive_timeout + 2 min with room for a slow evaluation, and is
     * still far longer than asynchronous archiving takes to push a segment that just became ready.
     */
    public static final Duration STALL_MARGIN = Duration.ofSeconds(30);
    /** The WAL backlog alarm: this many bytes waiting in pg_wal (64 segments of 16 MiB) ... */
    public static final long BACKLOG_BYTES = 1L << 30;
    /** ... or more than 1/this of PGDATA's free space. */
    public static final long BACKLOG_FREE_DIVISOR = 4;

    /** The status warnings that are alert conditions, and which. Other kinds (POSTGRES_DOWN, ...) only show in status. */
    static final Map<Warnings.Kind, Id> FROM_STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(Warnings.Kind.REPOSITORY_UNREADABLE, Id.REPOSITORY_UNREACHABLE),
            Map.entry(Warnings.Kind.SCHEDULER_DOWN, Id.SCHEDULER_DOWN),
            Map.entry(Warnings.Kind.PGDATA_FULL, Id.PGDATA_FILLING),
            Map.entry(Warnings.Kind.SPOOL_FULL, Id.SPOOL_FULL),
            Map.entry(Warnings.Kind.TWO_PRIMARIES, Id.TWO_PRIMARIES),
            Map.entry(Warnings.Kind.CERT_EXPIRING, Id.CERTIFICATE_EXPIRING),
            Map.entry(Warnings.Kind.STANDBY_NOT_STREAMING, Id.STANDBY_NOT_STREAMING),
            Map.entry(Warnings.Kind.FIRST_BACKUP_FAILED, Id.BACKUP_FAILED),
            Map.entry(Warnings.Kind.DRILL_FAILED, Id.DRILL_FAILED),
            Map.entry(Warnings.Kind.WAL_DISK_FILLING, Id.WAL_DISK_FILLING),
            Map.entry(Warnings.Kind.WAL_DROPPED, Id.WAL_DROPPED)));

    static final Map<Id, Severity> SEVERITY = new EnumMap<>(Map.ofEntries(
            Map.entry(Id.BACKUP_FAILED, Severity.WARNING),
            Map.entry(Id.BACKUP_TOO_OLD, Severity.CRITICAL),
            Map.entry(Id.WAL_ARCHIVING_STALLED, Severity.CRITICAL),
            Map.entry(Id.REPOSITORY_UNREACHABLE, Severity.CRITICAL),
            Map.entry(Id.SCHEDULER_DOWN, Severity.WARNING),
            Map.entry(Id.WAL_BACKLOG_GROWING, Severity.WARNING),
            Map.entry(Id.PGDATA_FILLING, Severity.CRITICAL),
            Map.entry(Id.SPOOL_FULL, Severity.WARNING),
            Map.entry(Id.TWO_PRIMARIES, Severity.CRITICAL),
            Map.entry(Id.CERTIFICATE_EXPIRING, Severity.WARNING),
            Map.entry(Id.STANDBY_NOT_STREAMING, Severity.WARNING),
            Map.entry(Id.DRILL_FAILED, Severity.WARNING),
            Map.entry(Id.PRUNE_FAILED, Severity.WARNING),
            Map.entry(Id.WAL_DISK_FILLING, Severity.CRITICAL),
            Map.entry(Id.WAL_DROPPED, Severity.CRITICAL)));

    private Conditions() {
    }

    /**
     * What the conditions are judged on.
     *
     * @param now            the time of this evaluation
     * @param status         what {@code pgctl status} gathers (its warnings are computed from it)
     * @param archiveTimeout archive_timeout (PGCTL_ARCHIVE_TIMEOUT)
     * @param schedules      the backup schedules (PGCTL_BACKUP_SCHEDULE_*)
     * @param walWaiting     WAL waiting in pg_wal ({@link ReadyWal#read}; empty when it could not be read)
     * @param backups        pgctl's record of its backup jobs (run directory)
     * @param prune          pgctl's record of its last prune (run directory)
     */
    public record Facts(Instant now, Warnings.Facts status, Duration archiveTimeout, Config.Schedules schedules,
            Optional<ReadyWal> walWaiting, BackupRecord backups, PruneRecord prune) {
    }

    /** Every active condition, one per id, in the order of {@link Id}. */
    public static List<Condition> of(Facts f) {
        Map<Id, Condition> out = new EnumMap<>(Id.class);
        backupFailed(f).ifPresent(c -> out.put(c.id(), c));
        for (StatusReport.Warning w : Warnings.of(f.status())) {
            Id id = FROM_STATUS.get(w.kind());
            if (id != null) {
                out.putIfAbsent(id, new Condition(id, SEVERITY.get(id), w.what(), w.fix()));
            }
        }
        backupTooOld(f).ifPresent(c -> out.put(c.id(), c));
        walStalled(f).ifPresent(c -> out.put(c.id(), c));
        walBacklog(f).ifPresent(c -> out.put(c.id(), c));
        f.prune().failing().ifPresent(t -> out.put(Id.PRUNE_FAILED, new Condition(Id.PRUNE_FAILED,
                SEVERITY.get(Id.PRUNE_FAILED), "pgctl prune failed at " + t + ": " + f.prune().reason()
                        + " (no backup the policy keeps was touched; the ones it would expire stay until a prune succeeds)",
                "docker exec <container> pgctl prune --dry-run; then docker exec <container> pgctl prune")));
        return List.copyOf(out.values());
    }

    /** Healthy WAL archiving, when the heartbeat may beat: a primary that archives, none of the WAL conditions. */
    public static boolean archivingHealthy(Facts f, List<Condition> active) {
        Warnings.Facts s = f.status();
        boolean primaryUp = s.postgresUp() && s.standby().equals(Optional.of(false));
        boolean archives = s.repository().configured() && !s.backupsPending();
        boolean failing = Warnings.of(s).stream().anyMatch(w -> w.kind() == Warnings.Kind.ARCHIVING_FAILING);
        return primaryUp && archives && !failing && active.stream().noneMatch(c -> c.id() == Id.WAL_ARCHIVING_STALLED
                || c.id() == Id.REPOSITORY_UNREACHABLE || c.id() == Id.TWO_PRIMARIES);
    }

    /** A failure in pgctl's backup record that no success superseded (the first full backup's: status's warning). */
    static Optional<Condition> backupFailed(Facts f) {
        List<BackupRecord.Failure> failures = f.backups().failures();
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        BackupRecord.Failure last = failures.get(failures.size() - 1);
        String others = failures.size() == 1 ? "" : " (also failed: " + String.join(", ", failures.subList(0,
                failures.size() - 1).stream().map(x -> x.type() + " at " + x.time()).toList()) + ")";
        return Optional.of(new Condition(Id.BACKUP_FAILED, SEVERITY.get(Id.BACKUP_FAILED),
                "the " + (last.scheduled() ? "scheduled " : "") + last.type() + " backup failed at " + last.time() + ": "
                        + last.reason() + others,
                "docker exec <container> pgctl check; then docker exec <container> pgctl backup " + last.type()));
    }

    /**
     * For each schedule that is on, the newest backup that makes up for it ({@link BackupRecord#covers}: a full for
     * every schedule, a diff for diff and incr, any for incr) ended before the run before the last one, or before the
     * last run once {@link #RUN_GRACE} (or one period between the two, if shorter) has passed since it started: a
     * run may take that long (a full one for hours, or waiting for another backup). Not judged where no backup is expected (a standby, backups pending, no readable repository) nor while the
     * first backup is still pending or running; with no backup at all it fires once the first-backup job ended.
     */
    static Optional<Condition> backupTooOld(Facts f) {
        Warnings.Facts s = f.status();
        StatusReport.Repository r = s.repository();
        if (!r.configured() || !r.reachable() || s.standbyNow() || s.backupsPending()) {
            return Optional.empty();
        }
        record S(String type, Optional<String> cron) {
        }
        List<String> late = new ArrayList<>();
        String fixType = "incr";
        for (S sch : List.of(new S("full", f.schedules().full()), new S("diff", f.schedules().diff()),
                new S("incr", f.schedules().incr()))) {
            if (sch.cron().isEmpty()) {
                continue;
            }
            Optional<Instant> last = Schedules.lastRun(sch.cron().get(), f.now());
            Optional<Instant> beforeLast = last.flatMap(t -> Schedules.lastRun(sch.cron().get(), t));
            if (beforeLast.isEmpty()) {
                continue;
            }
            Optional<Instant> newest = r.latest().stream().filter(b -> BackupRecord.covers(b.type(), sch.type()))
                    .map(b -> instant(b.finished())).flatMap(Optional::stream).max(Instant::compareTo);
            if (newest.isEmpty()) {
                boolean firstBackupUnderWay = s.firstRun().map(j -> j.state().equals("pending")
                        || j.state().equals("running")).orElse(false);
                if (firstBackupUnderWay) {
                    return Optional.empty();
                }
                late.add("the repository holds no backup of this cluster");
                fixType = "full";
                break;
            }
            Duration grace = Duration.between(beforeLast.get(), last.get());
            grace = grace.compareTo(RUN_GRACE) < 0 ? grace : RUN_GRACE;
            boolean lastRunDue = !f.now().isBefore(last.get().plus(grace));
            if (newest.get().isBefore(beforeLast.get()) || lastRunDue && newest.get().isBefore(last.get())) {
                Instant missed = newest.get().isBefore(beforeLast.get()) ? beforeLast.get() : last.get();
                late.add("no " + (sch.type().equals("incr") ? "" : sch.type() + " ") + "backup since the run of "
                        + missed + " (schedule '" + sch.cron().get() + "'; the newest ended " + newest.get() + ")");
                fixType = late.size() == 1 ? sch.type() : fixType;
            }
        }
        if (late.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition(Id.BACKUP_TOO_OLD, SEVERITY.get(Id.BACKUP_TOO_OLD),
                "backups are older than the schedule allows: " + String.join("; ", late),
                "docker exec <container> pgctl status   # then: docker exec <container> pgctl backup " + fixType));
    }

    /**
     * WAL waits, the oldest waiting segment became ready more than {@link #STALL_MARGIN} ago (so a segment that is
     * being archived right now after a long quiet time does not count), and the last archived segment is older
     * than archive_timeout + {@link #STALL_MARGIN} (or none was archived). On a running primary only.
     */
    static Optional<Condition> walStalled(Facts f) {
        Warnings.Facts s = f.status();
        if (!s.postgresUp() || !s.standby().equals(Optional.of(false)) || f.walWaiting().isEmpty()) {
            return Optional.empty();
        }
        ReadyWal w = f.walWaiting().get();
        if (w.segments() == 0 || w.oldest().isEmpty()
                || Duration.between(w.oldest().get(), f.now()).compareTo(STALL_MARGIN) <= 0) {
            return Optional.empty();
        }
        Duration limit = f.archiveTimeout().plus(STALL_MARGIN);
        Optional<Instant> lastArchived = s.archiving().flatMap(StatusReport.Archiving::lastArchivedTime)
                .flatMap(Conditions::instant);
        if (lastArchived.isPresent() && Duration.between(lastArchived.get(), f.now()).compareTo(limit) <= 0) {
            return Optional.empty();
        }
        String since = lastArchived.map(t -> "nothing was archived since " + t + " ("
                + Duration.between(t, f.now()).toSeconds() + " s, more than archive_timeout "
                + f.archiveTimeout().toSeconds() + " s + " + STALL_MARGIN.toSeconds() + " s)")
                .orElse("nothing was archived yet");
        return Optional.of(new Condition(Id.WAL_ARCHIVING_STALLED, SEVERITY.get(Id.WAL_ARCHIVING_STALLED),
                "WAL archiving is stalled: " + since + ", and " + w.segments() + " WAL segment(s) ("
                        + Units.bytes(w.bytes()) + ") wait in pg_wal since " + w.oldest().get()
                        + "; a restore cannot reach past the last archived segment",
                "docker exec <container> pgctl check   # shows whether the repository or its credentials fail"));
    }

    /** At least {@link #BACKLOG_BYTES} wait in pg_wal, or more than a quarter of PGDATA's free space. */
    static Optional<Condition> walBacklog(Facts f) {
        if (f.walWaiting().isEmpty() || f.walWaiting().get().segments() == 0) {
            return Optional.empty();
        }
        ReadyWal w = f.walWaiting().get();
        Optional<StatusReport.Space> pgdata = f.status().space().stream().filter(x -> x.what().equals("pgdata"))
                .findFirst();
        boolean big = w.bytes() >= BACKLOG_BYTES;
        boolean ofFree = pgdata.filter(p -> p.totalBytes() > 0 && w.bytes() * BACKLOG_FREE_DIVISOR > p.freeBytes())
                .isPresent();
        if (!big && !ofFree) {
            return Optional.empty();
        }
        return Optional.of(new Condition(Id.WAL_BACKLOG_GROWING, SEVERITY.get(Id.WAL_BACKLOG_GROWING),
                Units.bytes(w.bytes()) + " of WAL (" + w.segments() + " segments) wait in pg_wal for the archiver"
                        + pgdata.map(p -> ", with " + Units.bytes(p.freeBytes()) + " free on PGDATA's disk").orElse("")
                        + ": PostgreSQL stops when that disk is full",
                "docker exec <container> pgctl check   # then fix the repository, or grow the volume of PGDATA"));
    }

    private static Optional<Instant> instant(String iso) {
        try {
            return Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
