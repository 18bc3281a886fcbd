package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.DrillRecords;
import dev.pgctl.json.Json;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.pgbackrest.Timelines;
import dev.pgctl.status.Warnings.Kind;
import dev.pgctl.wal.WalGap;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every warning rule of pgctl status, firing and not firing, at its boundaries. */
class WarningsTest {
    private static final long GIB = 1L << 30;
    private static final String PGDATA = "/var/lib/postgresql/18/docker";

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    /** A drill that started {@code daysAgo} days before NOW and took a minute. */
    static DrillRecord drill(String result, double daysAgo) {
        return DrillRecords.drill(NOW, result, daysAgo);
    }

    /** The facts of a healthy primary, changed by each row. */
    static final class F {
        Optional<String> drillSchedule = Optional.of("15 4 * * 3");
        List<DrillRecord> drills = List.of(drill(DrillRecord.PASSED, 1));
        boolean up = true;
        Optional<Boolean> standby = Optional.of(false);
        boolean standbyNow = false;
        Optional<String> primaryHost = Optional.empty();
        Optional<ReplicationReport> replication = Optional.of(new ReplicationReport("primary", Optional.empty(),
                List.of(), List.of()));
        Optional<StatusReport.Ssl> ssl = Optional.of(ssl(Optional.of(true), "generated", 397));
        Optional<StatusReport.Archiving> archiving = Optional.of(archiving(0, Optional.of("2026-11-22T02:45:08Z"),
                Optional.empty()));
        StatusReport.Repository repo = repo(true, true, 1);
        Optional<String> walFile = Optional.of("00000001000000000000000D");
        Optional<String> archiveMax = Optional.of("00000001000000000000000C");
        boolean pending = false;
        boolean scheduler = true;
        boolean monitorExpected = true;
        boolean monitor = true;
        Optional<WalGap> walGap = Optional.empty();
        Optional<StatusReport.WalBacklog> walBacklog = Optional.of(new StatusReport.WalBacklog(0, 0, Optional.empty(),
                PGDATA + "/pg_wal", 40 * GIB, Optional.of(0.0), Optional.empty()));
        Optional<StatusReport.Job> job = Optional.of(new StatusReport.Job("done", "first full backup", "took 7 s",
                "2026-11-22T02:45:08Z"));
        List<StatusReport.Space> space = List.of(new StatusReport.Space("pgdata", PGDATA, 40 * GIB, 100 * GIB),
                new StatusReport.Space("spool", "/var/spool/pgbackrest", 40 * GIB, 100 * GIB));

        Warnings.Facts facts() {
            return new Warnings.Facts(up, "/var/run/postgresql", standby, standbyNow, primaryHost, replication, ssl,
                    "/var/lib/postgresql/ssl", archiving, repo, walFile, archiveMax, pending, scheduler, job, space,
                    "docker exec 3f2a pgctl enable-backups", Warnings.Drills.of(drillSchedule, WEEK, drills, NOW),
                    monitorExpected, monitor, walBacklog, walGap);
        }
    }

    static StatusReport.Ssl ssl(Optional<Boolean> on, String source, long daysLeft) {
        return new StatusReport.Ssl(on, "/var/lib/postgresql/ssl/server.crt", source, "2027-12-24T03:00:00Z", daysLeft);
    }

    static StatusReport.Archiving archiving(long failed, Optional<String> lastArchived, Optional<String> lastFailed) {
        return new StatusReport.Archiving(12, Optional.of("00000001000000000000000C"), lastArchived, failed,
                lastFailed.map(t -> "00000001000000000000000D"), lastFailed);
    }

    static StatusReport.Repository repo(boolean configured, boolean reachable, int backups) {
        return new StatusReport.Repository(configured, reachable,
                configured && !reachable ? Optional.of("connection refused") : Optional.empty(), "main",
                configured ? Optional.of("s3://b/pgbackrest at s3:9191") : Optional.empty(), List.of(), backups);
    }

    /** WAL that has waited since {@code sinceSecondsAgo} and fills pg_wal in {@code secondsToFull} at 1 MiB/s. */
    static Optional<StatusReport.WalBacklog> backlog(long secondsToFull, long sinceSecondsAgo) {
        return Optional.of(new StatusReport.WalBacklog(20, 320L << 20, Optional.of(NOW.minusSeconds(sinceSecondsAgo).toString()),
                PGDATA + "/pg_wal", secondsToFull << 20, Optional.of(1048576.0), Optional.of(secondsToFull)));
    }

    static final WalGap GAP = new WalGap("2026-11-25T11:40:00Z", "2026-11-25T11:55:00Z", "00000001000000000000000D",
            "000000010000000000000014", 8, 0);

    static ReplicationReport standbyStream(String state) {
        return new ReplicationReport("standby", Optional.of(new ReplicationReport.Upstream(state, Optional.of("db-primary"),
                Optional.of(5432), Optional.empty(), 0, 0, Optional.empty(), Optional.empty())), List.of(), List.of());
    }

    static void asStandby(F f) {
        f.standby = Optional.of(true);
        f.standbyNow = true;
        f.replication = Optional.of(standbyStream("streaming"));
        f.walFile = Optional.empty();
    }

    static Arguments row(String name, Consumer<F> change, Kind... expected) {
        return Arguments.of(name, change, Set.copyOf(Arrays.asList(expected)));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                row("a healthy primary", f -> { }),
                // POSTGRES_DOWN: whatever else, a server that does not answer
                row("postgres down", f -> {
                    f.up = false;
                    f.standby = Optional.empty();
                    f.replication = Optional.empty();
                    f.archiving = Optional.empty();
                    f.walFile = Optional.empty();
                }, Kind.POSTGRES_DOWN),
                // STANDBY_NOT_STREAMING
                row("a streaming standby", WarningsTest::asStandby),
                row("a standby that is not connected", f -> {
                    asStandby(f);
                    f.replication = Optional.of(standbyStream("not connected"));
                }, Kind.STANDBY_NOT_STREAMING),
                row("a standby catching up", f -> {
                    asStandby(f);
                    f.replication = Optional.of(standbyStream("catchup"));
                }, Kind.STANDBY_NOT_STREAMING),
                // SSL_OFF: only what the running server says
                row("ssl off", f -> f.ssl = Optional.of(ssl(Optional.of(false), "generated", 397)), Kind.SSL_OFF),
                row("ssl unknown (server down)", f -> {
                    f.up = false;
                    f.standby = Optional.empty();
                    f.ssl = Optional.of(ssl(Optional.empty(), "generated", 397));
                }, Kind.POSTGRES_DOWN),
                row("no certificate at all", f -> f.ssl = Optional.empty()),
                // CERT_EXPIRING: fewer than 30 days
                row("certificate with 30 days left", f -> f.ssl = Optional.of(ssl(Optional.of(true), "generated", 30))),
                row("certificate with 29 days left", f -> f.ssl = Optional.of(ssl(Optional.of(true), "generated", 29)),
                        Kind.CERT_EXPIRING),
                row("certificate expired", f -> f.ssl = Optional.of(ssl(Optional.of(true), "provided", -3)),
                        Kind.CERT_EXPIRING),
                // ARCHIVING_FAILING: the last failure is newer than the last success
                row("archiving failed once, succeeded since", f -> f.archiving = Optional.of(archiving(1,
                        Optional.of("2026-11-22T02:45:08Z"), Optional.of("2026-11-22T02:44:00Z")))),
                row("archiving failed at the same second it succeeded", f -> f.archiving = Optional.of(archiving(1,
                        Optional.of("2026-11-22T02:45:08Z"), Optional.of("2026-11-22T02:45:08Z")))),
                row("archiving fails since", f -> f.archiving = Optional.of(archiving(3,
                        Optional.of("2026-11-22T02:45:08Z"), Optional.of("2026-11-22T02:45:09Z"))), Kind.ARCHIVING_FAILING),
                row("archiving never succeeded", f -> f.archiving = Optional.of(archiving(1, Optional.empty(),
                        Optional.of("2026-11-22T02:45:09Z"))), Kind.ARCHIVING_FAILING),
                row("failures counted, no failure time", f -> f.archiving = Optional.of(archiving(1, Optional.empty(),
                        Optional.empty()))),
                // NO_REPOSITORY (and no scheduler is expected then)
                row("no repository", f -> {
                    f.repo = repo(false, false, 0);
                    f.scheduler = false;
                }, Kind.NO_REPOSITORY),
                // REPOSITORY_UNREADABLE: nothing else about the repository is said then
                row("repository unreadable", f -> {
                    f.repo = repo(true, false, 0);
                    f.archiveMax = Optional.of("00000002000000000000000C");
                }, Kind.REPOSITORY_UNREADABLE),
                // TWO_PRIMARIES: the repository's newest segment is on a newer timeline than ours
                row("repository on a newer timeline", f -> f.archiveMax = Optional.of("00000002000000000000000C"),
                        Kind.TWO_PRIMARIES),
                row("repository on an older timeline", f -> {
                    f.walFile = Optional.of("00000003000000000000000D");
                    f.archiveMax = Optional.of("00000002000000000000000C");
                }),
                row("a standby never asks for timelines", f -> {
                    asStandby(f);
                    f.walFile = Optional.of("00000001000000000000000D");
                    f.archiveMax = Optional.of("00000002000000000000000C");
                }),
                row("an empty archive", f -> f.archiveMax = Optional.empty()),
                // NO_BACKUP
                row("no backup yet", f -> f.repo = repo(true, true, 0), Kind.NO_BACKUP),
                row("no backup on a standby", f -> {
                    asStandby(f);
                    f.repo = repo(true, true, 0);
                }),
                row("no backup on a replica whose server is down", f -> {
                    f.up = false;
                    f.standby = Optional.empty();
                    f.standbyNow = true;
                    f.replication = Optional.empty();
                    f.repo = repo(true, true, 0);
                }, Kind.POSTGRES_DOWN),
                // BACKUPS_PENDING (no NO_BACKUP, no SCHEDULER_DOWN then)
                row("backups pending", f -> {
                    f.pending = true;
                    f.repo = repo(true, true, 0);
                    f.scheduler = false;
                }, Kind.BACKUPS_PENDING),
                row("backups pending on a standby", f -> {
                    asStandby(f);
                    f.pending = true;
                    f.scheduler = false;
                }),
                // SCHEDULER_DOWN
                row("scheduler down", f -> f.scheduler = false, Kind.SCHEDULER_DOWN),
                row("scheduler down on a standby", f -> {
                    asStandby(f);
                    f.scheduler = false;
                }),
                row("scheduler down, repository unreadable", f -> {
                    f.repo = repo(true, false, 0);
                    f.scheduler = false;
                }, Kind.REPOSITORY_UNREADABLE, Kind.SCHEDULER_DOWN),
                // FIRST_BACKUP_FAILED
                row("first backup failed", f -> f.job = Optional.of(new StatusReport.Job("failed", "stanza-create",
                        "S3 said 403", "2026-11-22T02:45:08Z")), Kind.FIRST_BACKUP_FAILED),
                row("first backup running", f -> f.job = Optional.of(new StatusReport.Job("running", "first full backup",
                        "", "2026-11-22T02:45:08Z"))),
                row("first backup stopped", f -> f.job = Optional.of(new StatusReport.Job("stopped", "first full backup",
                        "the after-start job ended without finishing", "2026-11-22T02:45:08Z"))),
                row("no job state", f -> f.job = Optional.empty()),
                // PGDATA_FULL, SPOOL_FULL: below 1 GiB and below 5 % (SpaceWarningsTest has the boundaries)
                row("both disks nearly full", f -> f.space = List.of(
                        new StatusReport.Space("pgdata", PGDATA, 500L << 20, 100 * GIB),
                        new StatusReport.Space("spool", "/var/spool/pgbackrest", 0, 1L << 20)),
                        Kind.PGDATA_FULL, Kind.SPOOL_FULL),
                // DRILL_FAILED: the last drill that ran failed (a skip after it does not hide it)
                row("the last drill failed", f -> f.drills = List.of(drill(DrillRecord.PASSED, 3),
                        drill(DrillRecord.FAILED, 1)), Kind.DRILL_FAILED),
                row("a failed drill, then a passed one", f -> f.drills = List.of(drill(DrillRecord.FAILED, 3),
                        drill(DrillRecord.PASSED, 1))),
                row("a failed drill, then a skipped one", f -> f.drills = List.of(drill(DrillRecord.PASSED, 3),
                        drill(DrillRecord.FAILED, 2), drill(DrillRecord.SKIPPED, 1)), Kind.DRILL_FAILED),
                row("a failed drill on a standby", f -> {
                    asStandby(f);
                    f.drills = List.of(drill(DrillRecord.FAILED, 1));
                }),
                // DRILL_OVERDUE: none passed within twice the period (a week), counted from the last pass
                row("the last pass 13.9 days ago", f -> f.drills = List.of(drill(DrillRecord.PASSED, 13.9))),
                row("the last pass 14.1 days ago", f -> f.drills = List.of(drill(DrillRecord.PASSED, 14.1)),
                        Kind.DRILL_OVERDUE),
                row("only skipped drills, the first 15 days ago", f -> f.drills = List.of(drill(DrillRecord.SKIPPED, 15),
                        drill(DrillRecord.SKIPPED, 8), drill(DrillRecord.SKIPPED, 1)), Kind.DRILL_OVERDUE),
                row("only skipped drills, the first 10 days ago", f -> f.drills = List.of(drill(DrillRecord.SKIPPED, 10),
                        drill(DrillRecord.SKIPPED, 3))),
                row("no drill recorded yet", f -> f.drills = List.of()),
                row("drills off, the last pass long ago", f -> {
                    f.drillSchedule = Optional.empty();
                    f.drills = List.of(drill(DrillRecord.PASSED, 60));
                }),
                row("overdue on a standby", f -> {
                    asStandby(f);
                    f.drills = List.of(drill(DrillRecord.PASSED, 60));
                }),
                // MONITOR_DOWN: started by bootstrap, not running now; never when it was not started (metrics off)
                row("monitor started and running", f -> { }),
                row("monitor started, not running", f -> f.monitor = false, Kind.MONITOR_DOWN),
                row("monitor not started (PGCTL_METRICS_PORT=off)", f -> {
                    f.monitorExpected = false;
                    f.monitor = false;
                }),
                row("monitor running without being started by bootstrap", f -> f.monitorExpected = false),
                row("monitor down on a standby too", f -> {
                    asStandby(f);
                    f.monitor = false;
                }, Kind.MONITOR_DOWN),
                // WAL_DISK_FILLING: WalForecast.warning (WalForecastTest has its boundaries), not on a standby
                row("WAL piles up, pg_wal full in 59 min", f -> f.walBacklog = backlog(3599, 600),
                        Kind.WAL_DISK_FILLING),
                row("WAL piles up, pg_wal full in 2 h, backlog 1 h old", f -> f.walBacklog = backlog(7200, 3600)),
                row("WAL piles up, pg_wal full in 2 h, backlog 2 h old", f -> f.walBacklog = backlog(7200, 7200),
                        Kind.WAL_DISK_FILLING),
                row("WAL piles up on a standby", f -> {
                    asStandby(f);
                    f.walBacklog = backlog(60, 600);
                }),
                row("pg_wal unreadable", f -> f.walBacklog = Optional.empty()),
                // WAL_DROPPED: while pgctl's record of dropped WAL lasts (it clears after the full backup)
                row("WAL was dropped", f -> f.walGap = Optional.of(GAP), Kind.WAL_DROPPED),
                row("WAL was dropped, seen on a standby (after a failover)", f -> {
                    asStandby(f);
                    f.walGap = Optional.of(GAP);
                }, Kind.WAL_DROPPED),
                // several at once, in the order of Kind
                row("everything wrong on a primary", f -> {
                    f.ssl = Optional.of(ssl(Optional.of(false), "provided", 2));
                    f.archiving = Optional.of(archiving(3, Optional.empty(), Optional.of("2026-11-22T02:45:09Z")));
                    f.archiveMax = Optional.of("00000002000000000000000C");
                    f.repo = repo(true, true, 0);
                    f.scheduler = false;
                    f.job = Optional.of(new StatusReport.Job("failed", "first full backup", "x", "2026-11-22T02:45:08Z"));
                }, Kind.SSL_OFF, Kind.CERT_EXPIRING, Kind.ARCHIVING_FAILING, Kind.TWO_PRIMARIES, Kind.NO_BACKUP,
                        Kind.SCHEDULER_DOWN, Kind.FIRST_BACKUP_FAILED));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rules")
    void eachRuleFiresOnlyWhenItsFactsCallForIt(String name, Consumer<F> change, Set<Kind> expected) {
        F f = new F();
        change.accept(f);
        List<Kind> got = Warnings.of(f.facts()).stream().map(StatusReport.Warning::kind).toList();
        assertEquals(expected, Set.copyOf(got), name);
        assertEquals(got.stream().sorted().toList(), got, "warnings in the order of Kind");
    }

    @Test
    void everyKindHasARowThatFiresIt() {
        Set<Kind> fired = EnumSet.noneOf(Kind.class);
        rules().forEach(a -> fired.addAll(castSet(a.get()[2])));
        assertEquals(EnumSet.allOf(Kind.class), fired);
    }

    @SuppressWarnings("unchecked")
    private static Set<Kind> castSet(Object o) {
        return (Set<Kind>) o;
    }

    /** The words users and scenarios read stay as they were before the rules moved out of StatusCommand. */
    static Stream<Arguments> words() {
        return Stream.of(
                Arguments.of((Consumer<F>) f -> {
                    f.up = false;
                    f.standby = Optional.empty();
                }, "PostgreSQL does not accept connections on /var/run/postgresql", "docker logs <container>"),
                Arguments.of((Consumer<F>) f -> {
                    asStandby(f);
                    f.primaryHost = Optional.of("db-primary");
                    f.replication = Optional.of(standbyStream("not connected"));
                }, "this standby is not streaming from db-primary (not connected)",
                        "docker logs <container>; docker exec <container> pgctl replica status"),
                Arguments.of((Consumer<F>) f -> {
                    asStandby(f);
                    f.replication = Optional.of(standbyStream("catchup"));
                }, "this standby is not streaming from its primary (catchup)",
                        "docker logs <container>; docker exec <container> pgctl replica status"),
                Arguments.of((Consumer<F>) f -> f.ssl = Optional.of(ssl(Optional.of(false), "generated", 397)),
                        "SSL is off: clients cannot connect over TCP",
                        "docker restart <container>   # pgctl turns SSL on at start"),
                Arguments.of((Consumer<F>) f -> f.ssl = Optional.of(ssl(Optional.of(true), "generated", 12)),
                        "the server certificate expires in 12 days", "docker exec <container> pgctl ssl rotate"),
                Arguments.of((Consumer<F>) f -> f.ssl = Optional.of(ssl(Optional.of(true), "provided", 12)),
                        "the server certificate expires in 12 days", "put a renewed server.crt and server.key in "
                                + "/var/lib/postgresql/ssl, then: docker exec <container> pgctl ssl rotate"),
                Arguments.of((Consumer<F>) f -> f.archiving = Optional.of(archiving(3, Optional.empty(),
                        Optional.of("2026-11-22T02:45:09Z"))),
                        "WAL archiving is failing (last failure 2026-11-22T02:45:09Z); WAL is kept in pg_wal until it "
                                + "succeeds", "docker exec <container> pgctl check"),
                Arguments.of((Consumer<F>) f -> {
                    f.repo = repo(false, false, 0);
                }, "no backup repository is configured", "set PGBACKREST_REPO1_S3_BUCKET, PGBACKREST_REPO1_S3_ENDPOINT, "
                        + "PGBACKREST_REPO1_S3_KEY and PGBACKREST_REPO1_S3_KEY_SECRET, then restart the container"),
                Arguments.of((Consumer<F>) f -> f.repo = repo(true, false, 0),
                        "the repository cannot be read: connection refused", "docker exec <container> pgctl check"),
                Arguments.of((Consumer<F>) f -> f.archiveMax = Optional.of("00000002000000000000000C"),
                        "two primaries on stanza 'main': the repository holds WAL of timeline 2, but this primary writes "
                                + "timeline 1. Another server restored from these backups was promoted and archives into "
                                + "the same stanza; a restore of the latest would follow it, not this server",
                        Timelines.Fork.fix()),
                Arguments.of((Consumer<F>) f -> f.repo = repo(true, true, 0),
                        "the repository holds no backup of this cluster yet", "docker exec <container> pgctl backup full"),
                Arguments.of((Consumer<F>) f -> f.pending = true,
                        "backups pending: nothing is sent to S3 until you enable them (this cluster was created without "
                                + "pgctl, or is a promoted replica)", "docker exec 3f2a pgctl enable-backups"),
                Arguments.of((Consumer<F>) f -> f.scheduler = false,
                        "the backup scheduler is not running: no scheduled backup will start", "docker restart <container>"),
                Arguments.of((Consumer<F>) f -> f.job = Optional.of(new StatusReport.Job("failed", "stanza-create",
                        "S3 said 403", "2026-11-22T02:45:08Z")),
                        "the first backup job failed at stanza-create: S3 said 403",
                        "docker exec <container> pgctl check; then docker exec <container> pgctl backup full"),
                Arguments.of((Consumer<F>) f -> f.drills = List.of(drill(DrillRecord.FAILED, 1)),
                        "the last restore drill (2026-11-24T12:00:00Z) failed: query failed: select false: returned f, not true",
                        "docker exec <container> pgctl drills; after fixing it: docker exec <container> pgctl drill"),
                Arguments.of((Consumer<F>) f -> f.drills = List.of(drill(DrillRecord.PASSED, 20)),
                        "no restore drill passed since 2026-11-05T12:01:00Z (schedule 15 4 * * 3, every 7 days at most)",
                        "docker exec <container> pgctl drills   # why they failed or were skipped; "
                                + "then: docker exec <container> pgctl drill"));
    }

    @ParameterizedTest
    @MethodSource("words")
    void theWordsAndFixesAreThoseUsersKnow(Consumer<F> change, String what, String fix) {
        F f = new F();
        change.accept(f);
        List<StatusReport.Warning> got = Warnings.of(f.facts());
        assertEquals(1, got.size(), got.toString());
        assertEquals(what, got.get(0).what());
        assertEquals(fix, got.get(0).fix());
    }

    @Test
    void theWalDiskWarningSaysWhenPgWalIsFullAndHowFastItFills() {
        F f = new F();
        f.walBacklog = Optional.of(new StatusReport.WalBacklog(10, 160L << 20, Optional.of("2026-11-25T11:55:00Z"),
                PGDATA + "/pg_wal", 150L << 20, Optional.of(524288.0), Optional.of(300L)));
        List<StatusReport.Warning> got = Warnings.of(f.facts());
        assertEquals(1, got.size(), got.toString());
        assertEquals(Kind.WAL_DISK_FILLING, got.get(0).kind());
        assertEquals("pg_wal's disk (" + PGDATA + "/pg_wal) is full in about 5 min at the pace WAL piles up for the "
                + "archiver (30.0 MiB/min; 160.0 MiB in 10 segments waiting since 2026-11-25T11:55:00Z, 150.0 MiB free): "
                + "PostgreSQL stops when it is full", got.get(0).what());
        assertEquals("docker exec <container> pgctl check   # then bring the repository back, or grow pg_wal's volume; "
                + "PGCTL_WAL_BACKLOG_MAX drops WAL instead of stopping (README, WAL guard)", got.get(0).fix());
    }

    @Test
    void theWalGapWarningNamesTheGapAndTheBackupThatClosesIt() {
        F f = new F();
        f.walGap = Optional.of(GAP);
        List<StatusReport.Warning> got = Warnings.of(f.facts());
        assertEquals(1, got.size(), got.toString());
        assertEquals("WAL was dropped to keep PostgreSQL up (PGCTL_WAL_BACKLOG_MAX; 8 segment(s), 00000001000000000000000D "
                + "to 000000010000000000000014): point-in-time recovery is impossible between 2026-11-25T11:40:00Z and "
                + "2026-11-25T11:55:00Z, and what was written since is restorable only once a new full backup is taken; "
                + "pgctl takes one by itself as soon as the repository is reachable", got.get(0).what());
        assertEquals("docker exec <container> pgctl check   # once the repository answers, pgctl takes the full backup by "
                + "itself (docker logs <container>); or take it now: docker exec <container> pgctl backup full",
                got.get(0).fix());
    }

    @Test
    void theJsonOfAWarningIsWhatAndFixOnly() throws Exception {
        String json = Json.MAPPER.writeValueAsString(new StatusReport.Warning(Kind.NO_BACKUP, "w", "f"));
        assertEquals("{\"what\":\"w\",\"fix\":\"f\"}", json);
    }

    @Test
    void kindNamesAreStable() {
        // alerts will be keyed by these names: adding a kind is fine, renaming or removing one is not
        List<String> names = Arrays.stream(Kind.values()).map(Kind::name).toList();
        assertEquals(List.of("POSTGRES_DOWN", "STANDBY_NOT_STREAMING", "SSL_OFF", "CERT_EXPIRING", "ARCHIVING_FAILING",
                "NO_REPOSITORY", "REPOSITORY_UNREADABLE", "TWO_PRIMARIES", "NO_BACKUP", "BACKUPS_PENDING", "SCHEDULER_DOWN",
                "FIRST_BACKUP_FAILED", "PGDATA_FULL", "SPOOL_FULL", "DRILL_FAILED", "DRILL_OVERDUE", "MONITOR_DOWN",
                "WAL_DISK_FILLING", "WAL_DROPPED"), names);
    }
}
