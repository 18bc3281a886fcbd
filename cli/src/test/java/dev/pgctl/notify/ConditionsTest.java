package dev.pgctl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config;
import dev.pgctl.notify.Condition.Id;
import dev.pgctl.pg.ReadyWal;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.pgbackrest.BackupRecord;
import dev.pgctl.pgbackrest.PruneRecord;
import dev.pgctl.status.StatusReport;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.DrillRecords;
import dev.pgctl.status.Warnings;
import dev.pgctl.wal.WalGap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every alert condition, firing and not firing, at its boundaries; a healthy primary is the starting point. */
class ConditionsTest {
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    /** Tuesday 2026-11-24 10:10 UTC: incr ran at 10:00 and 09:30, diff Tuesday 01:00 and Monday 01:00. */
    static final Instant NOW = Instant.parse("2026-11-24T10:10:00Z");
    static final Config.Schedules DEFAULT_SCHEDULES = new Config.Schedules(Optional.of("0 1 * * 0"),
            Optional.of("0 1 * * 1-6"), Optional.of("*/30 * * * *"));

    /** The facts of a healthy primary: each row changes some. */
    static final class F {
        boolean up = true;
        Optional<Boolean> standby = Optional.of(false);
        boolean standbyNow = false;
        Optional<ReplicationReport> replication = Optional.of(new ReplicationReport("primary", Optional.empty(),
                List.of(), List.of()));
        long certDays = 300;
        Optional<String> lastArchived = Optional.of("2026-11-24T10:09:30Z");
        long archiveFailed = 0;
        Optional<String> lastFailed = Optional.empty();
        boolean configured = true;
        boolean reachable = true;
        List<StatusReport.Backup> latest = new ArrayList<>(List.of(
                backup("full", "2026-11-22T01:40:00Z"), backup("diff", "2026-11-24T01:05:00Z"),
                backup("incr", "2026-11-24T10:01:00Z")));
        Optional<String> walFile = Optional.of("00000001000000000000000D");
        Optional<String> archiveMax = Optional.of("00000001000000000000000C");
        boolean pending = false;
        boolean scheduler = true;
        Optional<StatusReport.Job> job = Optional.of(new StatusReport.Job("done", "first full backup", "", "2026-11-01T00:00:00Z"));
        long pgdataFree = 40 * GIB;
        long pgdataTotal = 100 * GIB;
        long spoolFree = 40 * GIB;
        Config.Schedules schedules = DEFAULT_SCHEDULES;
        Duration archiveTimeout = Duration.ofSeconds(60);
        Optional<ReadyWal> wal = Optional.of(ReadyWal.NONE);
        BackupRecord record = BackupRecord.EMPTY;
        PruneRecord prune = PruneRecord.EMPTY;
        Instant now = NOW;
        List<DrillRecord> drills = List.of();
        Optional<StatusReport.WalBacklog> walBacklog = Optional.empty();
        Optional<WalGap> walGap = Optional.empty();

        Conditions.Facts facts() {
            StatusReport.Repository repo = new StatusReport.Repository(configured, reachable,
                    reachable ? Optional.empty() : Optional.of("[HostConnectError] unable to connect to 's3:9191'"),
                    "main", Optional.of("s3://b/pgbackrest at s3:9191"), reachable ? latest : List.of(),
                    reachable ? latest.size() : 0);
            Warnings.Facts s = new Warnings.Facts(up, "/var/run/postgresql", standby, standbyNow, Optional.empty(),
                    replication, Optional.of(new StatusReport.Ssl(up ? Optional.of(true) : Optional.empty(),
                            "/var/lib/postgresql/ssl/server.crt", "generated", "2027-01-01T00:00:00Z", certDays)),
                    "/var/lib/postgresql/ssl", up ? Optional.of(new StatusReport.Archiving(12, Optional.of("0000000100000000000000C"),
                            lastArchived, archiveFailed, lastFailed.map(t -> "00000001000000000000000D"), lastFailed))
                            : Optional.empty(),
                    repo, walFile, archiveMax, pending, scheduler, job,
                    List.of(new StatusReport.Space("pgdata", "/var/lib/postgresql/18/docker", pgdataFree, pgdataTotal),
                            new StatusReport.Space("spool", "/var/spool/pgbackrest", spoolFree, 100 * GIB)),
                    "docker exec 3f2a pgctl enable-backups",
                    Warnings.Drills.of(Optional.of("15 4 * * 3"), Duration.ofDays(7), drills, now), true, true,
                    walBacklog, walGap);
            return new Conditions.Facts(now, s, archiveTimeout, schedules, wal, record, prune);
        }
    }

    static StatusReport.Backup backup(String type, String finished) {
        return new StatusReport.Backup(type, "label-" + type, finished, 0, 1, 1);
    }

    static ReadyWal ready(long segments, String oldest) {
        return new ReadyWal(segments, segments * 16 * MIB, Optional.of(Instant.parse(oldest)));
    }

    static Set<Id> active(Consumer<F> change) {
        F f = new F();
        change.accept(f);
        return Conditions.of(f.facts()).stream().map(Condition::id).collect(Collectors.toCollection(() -> EnumSet.noneOf(Id.class)));
    }

    /** A drill that started {@code daysAgo} days before NOW and took a minute. */
    static DrillRecord drill(String result, double daysAgo) {
        return DrillRecords.drill(NOW, result, daysAgo);
    }

    static Arguments row(String name, Consumer<F> change, Id... expected) {
        return Arguments.of(name, change, expected.length == 0 ? EnumSet.noneOf(Id.class) : EnumSet.copyOf(Arrays.asList(expected)));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("a healthy primary", f -> { }),
                row("the last restore drill failed", f -> f.drills = List.of(drill(DrillRecord.FAILED, 1)),
                        Id.DRILL_FAILED),
                row("a drill failed, then one passed", f -> f.drills = List.of(drill(DrillRecord.FAILED, 2),
                        drill(DrillRecord.PASSED, 1))),
                // prune_failed: from pgctl's prune record, until a later prune succeeds
                row("the last prune failed", f -> f.prune = PruneRecord.EMPTY.failed(NOW, "expire failed"), Id.PRUNE_FAILED),
                row("a prune failed, then one succeeded", f -> f.prune = PruneRecord.EMPTY
                        .failed(NOW.minusSeconds(60), "expire failed").succeeded(NOW)),
                row("a prune succeeded, then one failed", f -> f.prune = PruneRecord.EMPTY
                        .succeeded(NOW.minusSeconds(60)).failed(NOW, "expire failed"), Id.PRUNE_FAILED),
                // backup_failed: from pgctl's record, superseded by a success that covers it
                row("a scheduled incr failed", f -> f.record = BackupRecord.EMPTY.failed("incr", NOW, "S3 down", true),
                        Id.BACKUP_FAILED),
                row("an incr failed, then an incr succeeded", f -> f.record = BackupRecord.EMPTY
                        .failed("incr", NOW.minusSeconds(60), "S3 down", true).succeeded("incr", NOW)),
                row("a full failed, then an incr succeeded: the full is still missing", f -> f.record = BackupRecord.EMPTY
                        .failed("full", NOW.minusSeconds(60), "S3 down", false).succeeded("incr", NOW), Id.BACKUP_FAILED),
                row("an incr failed, then a full succeeded", f -> f.record = BackupRecord.EMPTY
                        .failed("incr", NOW.minusSeconds(60), "S3 down", true).succeeded("full", NOW)),
                row("the first backup job failed (status warning)", f -> f.job = Optional.of(new StatusReport.Job("failed",
                        "first full backup", "S3 down", "2026-11-24T10:00:00Z")), Id.BACKUP_FAILED),
                // backup_too_old: the newest covering backup ended before the run before the last one
                row("the newest incr ended just after the 09:30 run", f -> f.latest.set(2, backup("incr", "2026-11-24T09:30:01Z"))),
                row("the newest incr ended just before the 09:30 run", f -> f.latest.set(2, backup("incr", "2026-11-24T09:29:59Z")),
                        Id.BACKUP_TOO_OLD),
                row("incr off: an old incr is no alarm", f -> {
                    f.schedules = new Config.Schedules(DEFAULT_SCHEDULES.full(), DEFAULT_SCHEDULES.diff(), Optional.empty());
                    f.latest.set(2, backup("incr", "2026-11-20T00:00:00Z"));
                }),
                row("incr off: the diff of Tuesday 01:05 is recent enough", f -> {
                    f.latest.remove(2);
                    f.schedules = new Config.Schedules(DEFAULT_SCHEDULES.full(), DEFAULT_SCHEDULES.diff(), Optional.empty());
                }),
                row("incr on: a diff of 01:05 is too old for the incr schedule", f -> f.latest.remove(2), Id.BACKUP_TOO_OLD),
                row("the newest diff ended before Monday's 01:00 run", f -> {
                    f.latest.set(1, backup("diff", "2026-11-22T23:00:00Z"));
                    f.schedules = new Config.Schedules(DEFAULT_SCHEDULES.full(), DEFAULT_SCHEDULES.diff(), Optional.empty());
                }, Id.BACKUP_TOO_OLD),
                row("a newer full makes up for an old diff", f -> {
                    f.latest.set(0, backup("full", "2026-11-24T03:00:00Z"));
                    f.latest.set(1, backup("diff", "2026-11-20T01:05:00Z"));
                }),
                row("last Sunday's full is missing 12 h after its run", f -> f.latest.set(0, backup("full", "2026-11-15T01:40:00Z")),
                        Id.BACKUP_TOO_OLD),
                row("Sunday 12:59: the full that started at 01:00 may still run", f -> {
                    f.now = Instant.parse("2026-11-22T12:59:00Z");
                    f.latest = new ArrayList<>(List.of(backup("full", "2026-11-15T01:40:00Z"),
                            backup("diff", "2026-11-21T01:05:00Z"), backup("incr", "2026-11-22T12:31:00Z")));
                    f.lastArchived = Optional.of("2026-11-22T12:58:30Z");
                }),
                row("Sunday 13:00: the full of 01:00 is missing", f -> {
                    f.now = Instant.parse("2026-11-22T13:00:00Z");
                    f.latest = new ArrayList<>(List.of(backup("full", "2026-11-15T01:40:00Z"),
                            backup("diff", "2026-11-21T01:05:00Z"), backup("incr", "2026-11-22T12:31:00Z")));
                    f.lastArchived = Optional.of("2026-11-22T12:58:30Z");
                }, Id.BACKUP_TOO_OLD),
                row("no backup at all once the first-backup job is done", f -> f.latest.clear(), Id.BACKUP_TOO_OLD),
                row("no backup at all while the first backup runs", f -> {
                    f.latest.clear();
                    f.job = Optional.of(new StatusReport.Job("running", "first full backup", "", "2026-11-24T10:00:00Z"));
                }),
                row("old backups on a standby are no alarm", f -> {
                    f.standby = Optional.of(true);
                    f.standbyNow = true;
                    f.walFile = Optional.empty();
                    f.replication = Optional.of(stream("streaming"));
                    f.latest.clear();
                }),
                row("old backups with backups pending are no alarm", f -> {
                    f.pending = true;
                    f.latest.clear();
                }),
                // wal_archiving_stalled: WAL waits > margin, last archived > archive_timeout + margin
                row("a segment waits, archived 90 s ago (= 60 + 30: not more)", f -> {
                    f.lastArchived = Optional.of("2026-11-24T10:08:30Z");
                    f.wal = Optional.of(ready(1, "2026-11-24T10:08:30Z"));
                }),
                row("a segment waits, archived 91 s ago", f -> {
                    f.lastArchived = Optional.of("2026-11-24T10:08:29Z");
                    f.wal = Optional.of(ready(1, "2026-11-24T10:08:30Z"));
                }, Id.WAL_ARCHIVING_STALLED),
                row("archived 91 s ago, the segment waits for 30 s (= the margin: being archived)", f -> {
                    f.lastArchived = Optional.of("2026-11-24T10:08:29Z");
                    f.wal = Optional.of(ready(1, "2026-11-24T10:09:30Z"));
                }),
                row("archived 91 s ago, the segment waits for 31 s", f -> {
                    f.lastArchived = Optional.of("2026-11-24T10:08:29Z");
                    f.wal = Optional.of(ready(1, "2026-11-24T10:09:29Z"));
                }, Id.WAL_ARCHIVING_STALLED),
                row("after a quiet hour a segment became ready 10 s ago: being archived", f -> {
                    f.lastArchived = Optional.of("2026-11-24T09:00:00Z");
                    f.wal = Optional.of(ready(1, "2026-11-24T10:09:50Z"));
                }),
                row("nothing waits after a quiet hour", f -> f.lastArchived = Optional.of("2026-11-24T09:00:00Z")),
                row("nothing ever archived, a segment waits for 2 min", f -> {
                    f.lastArchived = Optional.empty();
                    f.wal = Optional.of(ready(1, "2026-11-24T10:08:00Z"));
                }, Id.WAL_ARCHIVING_STALLED),
                row("archive_timeout 600 s: 10 min without archiving is allowed", f -> {
                    f.archiveTimeout = Duration.ofSeconds(600);
                    f.lastArchived = Optional.of("2026-11-24T10:00:00Z");
                    f.wal = Optional.of(ready(1, "2026-11-24T10:08:00Z"));
                }),
                // wal_backlog_growing: 1 GiB, or more than a quarter of PGDATA's free space
                row("1 GiB of WAL waits (64 segments)", f -> f.wal = Optional.of(ready(64, "2026-11-24T10:09:59Z")),
                        Id.WAL_BACKLOG_GROWING),
                row("63 segments wait", f -> f.wal = Optional.of(ready(63, "2026-11-24T10:09:59Z"))),
                row("160 MiB wait with 600 MiB free", f -> {
                    f.wal = Optional.of(ready(10, "2026-11-24T10:09:59Z"));
                    f.pgdataFree = 600 * MIB;
                    f.pgdataTotal = 10 * GIB;
                }, Id.WAL_BACKLOG_GROWING),
                row("160 MiB wait with 640 MiB free (exactly a quarter)", f -> {
                    f.wal = Optional.of(ready(10, "2026-11-24T10:09:59Z"));
                    f.pgdataFree = 640 * MIB;
                    f.pgdataTotal = 10 * GIB;
                }),
                // the status warnings that are alerts
                row("the repository cannot be read", f -> f.reachable = false, Id.REPOSITORY_UNREACHABLE),
                row("the scheduler is down", f -> f.scheduler = false, Id.SCHEDULER_DOWN),
                row("PGDATA's disk is nearly full", f -> f.pgdataFree = 100 * MIB, Id.PGDATA_FILLING),
                row("the spool's disk is full", f -> f.spoolFree = 100 * MIB, Id.SPOOL_FULL),
                row("the repository holds WAL of a newer timeline", f -> f.archiveMax = Optional.of("00000002000000000000000C"),
                        Id.TWO_PRIMARIES),
                row("the certificate expires in 29 days", f -> f.certDays = 29, Id.CERTIFICATE_EXPIRING),
                row("the certificate expires in 30 days", f -> f.certDays = 30),
                row("a standby that is not streaming", f -> {
                    f.standby = Optional.of(true);
                    f.standbyNow = true;
                    f.walFile = Optional.empty();
                    f.replication = Optional.of(stream("waiting"));
                }, Id.STANDBY_NOT_STREAMING),
                // status warnings that are not alerts
                row("archiving failed once (status warns; the alert waits for the stall)", f -> {
                    f.archiveFailed = 1;
                    f.lastFailed = Optional.of("2026-11-24T10:09:50Z");
                }),
                row("backups pending (status warns; no alert)", f -> f.pending = true),
                row("WAL was dropped to keep PostgreSQL up (status warning)", f -> f.walGap = Optional.of(new WalGap(
                        "2026-11-24T10:00:00Z", "2026-11-24T10:05:00Z", "00000001000000000000000D", "00000001000000000000000F",
                        3, 1)), Id.WAL_DROPPED),
                row("pg_wal is full in 10 min at the pace WAL piles up (status warning)", f -> f.walBacklog = Optional.of(
                        new StatusReport.WalBacklog(12, 192L << 20, Optional.of("2026-11-24T10:05:00Z"), "/pg/pg_wal",
                                600L << 20, Optional.of(1048576.0), Optional.of(600L))), Id.WAL_DISK_FILLING),
                row("PostgreSQL down (status warns; the heartbeat stops instead)", f -> f.up = false));
    }

    static ReplicationReport stream(String state) {
        return new ReplicationReport("standby", Optional.of(new ReplicationReport.Upstream(state, Optional.of("db-primary"),
                Optional.of(5432), Optional.empty(), 0, 0, Optional.empty(), Optional.empty())), List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theActiveConditionsAre(String name, Consumer<F> change, Set<Id> expected) {
        assertEquals(expected, active(change), name);
    }

    @Test
    void aStatusWarningKeepsItsWordsAndFix() {
        F f = new F();
        f.reachable = false;
        Condition c = Conditions.of(f.facts()).get(0);
        assertEquals(Condition.Severity.CRITICAL, c.severity());
        assertEquals("the repository cannot be read: [HostConnectError] unable to connect to 's3:9191'", c.message());
        assertEquals("docker exec <container> pgctl check", c.fix());
    }

    @Test
    void aFailedBackupSaysWhichWhenAndWhyAndHowToRetryIt() {
        F f = new F();
        f.record = BackupRecord.EMPTY.failed("diff", Instant.parse("2026-11-24T01:00:07Z"), "pgBackRest exit 41: unable to connect", true);
        Condition c = Conditions.of(f.facts()).get(0);
        assertEquals("the scheduled diff backup failed at 2026-11-24T01:00:07Z: pgBackRest exit 41: unable to connect", c.message());
        assertEquals("docker exec <container> pgctl check; then docker exec <container> pgctl backup diff", c.fix());
    }

    @Test
    void aStalledArchiveSaysSinceWhenAndHowMuchWaits() {
        F f = new F();
        f.lastArchived = Optional.of("2026-11-24T10:05:00Z");
        f.wal = Optional.of(ready(3, "2026-11-24T10:06:00Z"));
        Condition c = Conditions.of(f.facts()).get(0);
        assertEquals(Id.WAL_ARCHIVING_STALLED, c.id());
        assertEquals("WAL archiving is stalled: nothing was archived since 2026-11-24T10:05:00Z (300 s, more than "
                + "archive_timeout 60 s + 30 s), and 3 WAL segment(s) (48.0 MiB) wait in pg_wal since 2026-11-24T10:06:00Z; "
                + "a restore cannot reach past the last archived segment", c.message());
    }

    @Test
    void heartbeatsBeatOnlyWhileArchivingIsHealthy() {
        F healthy = new F();
        assertTrue(Conditions.archivingHealthy(healthy.facts(), Conditions.of(healthy.facts())));
        for (Consumer<F> sick : List.<Consumer<F>>of(f -> f.reachable = false, f -> f.up = false,
                f -> { f.archiveFailed = 1; f.lastFailed = Optional.of("2026-11-24T10:09:50Z"); },
                f -> { f.lastArchived = Optional.of("2026-11-24T10:00:00Z"); f.wal = Optional.of(ready(1, "2026-11-24T10:01:00Z")); },
                f -> f.pending = true)) {
            F f = new F();
            sick.accept(f);
            assertFalse(Conditions.archivingHealthy(f.facts(), Conditions.of(f.facts())), Conditions.of(f.facts()).toString());
        }
    }

    @Test
    void everyConditionHasASeverity() {
        for (Id id : Id.values()) {
            assertTrue(Conditions.SEVERITY.containsKey(id), id.toString());
        }
    }
}
