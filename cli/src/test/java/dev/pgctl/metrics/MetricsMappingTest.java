package dev.pgctl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.status.StatusReport;
import dev.pgctl.status.Warnings;
import java.util.Locale;
import java.util.TreeSet;
import java.util.Set;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric from a snapshot, checked in the text the Prometheus client writes (Exposition): each row changes
 * the facts of a healthy primary and names lines that must be there and series that must be absent.
 */
class MetricsMappingTest {
    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    static final long GIB = 1L << 30;

    /** The facts of a healthy primary with one full and one incr backup, changed by each row. */
    static final class F {
        String role = "primary";
        boolean up = true;
        Optional<Boolean> standby = Optional.of(false);
        Optional<StatusReport.Ssl> ssl = Optional.of(new StatusReport.Ssl(Optional.of(true),
                "/var/lib/postgresql/ssl/server.crt", "generated", "2027-12-24T03:00:00Z", 397));
        Optional<StatusReport.Archiving> archiving = Optional.of(new StatusReport.Archiving(12,
                Optional.of("00000001000000000000000C"), Optional.of("2026-11-22T02:59:00Z"), 2,
                Optional.of("00000001000000000000000A"), Optional.of("2026-11-22T02:00:00Z")));
        Optional<StatusReport.Job> job = Optional.of(new StatusReport.Job("done", "first full backup", "took 7 s",
                "2026-11-22T02:45:08Z"));
        boolean scheduler = true;
        List<StatusReport.Warning> warnings = new ArrayList<>();
        Optional<ReplicationReport> replication = Optional.of(new ReplicationReport("primary", Optional.empty(),
                List.of(), List.of()));
        List<StatusReport.Space> space = List.of(new StatusReport.Space("pgdata", "/var/lib/postgresql/18/docker",
                40 * GIB, 100 * GIB), new StatusReport.Space("spool", "/var/spool/pgbackrest", 30 * GIB, 50 * GIB));
        Snapshot.Versions versions = new Snapshot.Versions("0.1.0", Optional.of("2.60.0"), Optional.of("18.6"));
        Optional<StatusReport.WalBacklog> walBacklog = Optional.of(new StatusReport.WalBacklog(0, 0, Optional.empty(),
                "/var/lib/postgresql/18/docker/pg_wal", 40L << 30, Optional.of(0.0), Optional.empty()));
        Optional<Snapshot.WalReady> walReady = Optional.of(new Snapshot.WalReady(3, 3 * 16L * 1024 * 1024));
        Optional<StatusReport.Space> pgWal = Optional.of(new StatusReport.Space("pg_wal", "/var/lib/postgresql/18/docker/pg_wal",
                40 * GIB, 100 * GIB));
        boolean monitor = true;
        boolean pending = false;
        Map<String, Instant> failures = new HashMap<>();
        Snapshot.Repository repo = Snapshot.Repository.read(new InfoResult(Optional.of(info(List.of(
                backup("20261122-010000F", "full", "2026-11-22T01:00:00Z", 70, 100, 40),
                backup("20261122-010000F_20261122-023000I", "incr", "2026-11-22T02:30:00Z", 5, 101, 2)))), ""),
                Instant.parse("2026-11-22T02:59:30Z"));

        Snapshot snapshot() {
            StatusReport st = new StatusReport(role, new StatusReport.Postgres(up, standby, "/var/lib/postgresql/18/docker"),
                    ssl, archiving, new StatusReport.Repository(true, true, Optional.empty(), "main", Optional.empty(),
                            List.of(), 2), job, scheduler, List.of(), warnings, replication, space, Optional.empty(), Optional.empty(),
                    walBacklog, Optional.empty());
            return new Snapshot(NOW.minusMillis(800), Duration.ofMillis(120), st, new Snapshot.Local(versions, walReady,
                    pgWal, monitor, pending, failures), repo);
        }
    }

    static RepoInfo info(List<RepoInfo.Backup> backups) {
        return new RepoInfo(0, "ok", backups, Optional.of("000000010000000000000001"),
                Optional.of("00000001000000000000000C"), false, Optional.of(7L), Optional.empty());
    }

    static RepoInfo.Backup backup(String label, String type, String start, long seconds, long sizeMib, long repoMib) {
        Instant s = Instant.parse(start);
        return new RepoInfo.Backup(label, type, s, s.plusSeconds(seconds), sizeMib << 20, repoMib << 20,
                Optional.empty(), Optional.empty(), Map.of(), false);
    }

    static String render(F f) {
        return Exposition.text(MetricsMapping.of(f.snapshot(), NOW));
    }

    static Arguments row(String name, Consumer<F> change, List<String> present, List<String> absent) {
        return Arguments.of(name, change, present, absent);
    }

    static List<String> lines(String... l) {
        return Arrays.asList(l);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a healthy primary", f -> { }, lines(
                        "pgctl_build_info{pgbackrest_version=\"2.60.0\",pgctl_version=\"0.1.0\",postgresql_version=\"18.6\",role=\"primary\"} 1",
                        "pgctl_up 1.0",
                        "pgctl_scrape_duration_seconds 0.12",
                        "pgctl_postgres_up 1.0",
                        "pgctl_standby 0.0",
                        "pgctl_repository_reachable{repo=\"1\"} 1.0",
                        "pgctl_repository_refresh_timestamp_seconds{repo=\"1\"} 1.79531637E9",
                        "pgctl_repository_refresh_age_seconds{repo=\"1\"} 30.0",
                        "pgctl_backups{type=\"full\"} 1.0",
                        "pgctl_backups{type=\"diff\"} 0.0",
                        "pgctl_backups{type=\"incr\"} 1.0",
                        "pgctl_backup_last_success_timestamp_seconds{type=\"full\"} 1.79530927E9",
                        "pgctl_backup_last_duration_seconds{type=\"full\"} 70.0",
                        "pgctl_backup_last_size_bytes{type=\"full\"} 1.048576E8",
                        "pgctl_backup_last_repo_size_bytes{type=\"full\"} 4.194304E7",
                        "pgctl_backup_last_success_timestamp_seconds{type=\"incr\"} 1.795314605E9",
                        "pgctl_repository_size_bytes{repo=\"1\"} 4.4040192E7",
                        "pgctl_recovery_window_start_timestamp_seconds 1.79530927E9",
                        "# TYPE pgctl_wal_archived_total counter",
                        "pgctl_wal_archived_total 12.0",
                        "pgctl_wal_archive_failed_total 2.0",
                        "pgctl_wal_newest_archived_timestamp_seconds 1.79531634E9",
                        "pgctl_wal_last_archived_age_seconds 60.0",
                        "pgctl_wal_ready_segments 3.0",
                        "pgctl_wal_ready_bytes 5.0331648E7",
                        "pgctl_filesystem_free_bytes{path_kind=\"pgdata\"} 4.294967296E10",
                        "pgctl_filesystem_size_bytes{path_kind=\"spool\"} 5.36870912E10",
                        "pgctl_filesystem_free_bytes{path_kind=\"pg_wal\"} 4.294967296E10",
                        "pgctl_ssl_certificate_expiry_timestamp_seconds 1.8296172E9",
                        "pgctl_replication_connected_replicas 0.0",
                        "pgctl_scheduler_up 1.0",
                        "pgctl_monitor_up 1.0",
                        "pgctl_first_backup_state{state=\"done\"} 1.0",
                        "pgctl_first_backup_state{state=\"failed\"} 0.0",
                        "pgctl_backups_pending 0.0",
                        "pgctl_wal_backlog_growth_bytes_per_second 0.0",
                        "pgctl_warning{kind=\"postgres_down\"} 0.0",
                        "pgctl_warning{kind=\"repository_unreadable\"} 0.0",
                        "pgctl_warning{kind=\"spool_full\"} 0.0"),
                        lines("pgctl_backup_last_success_timestamp_seconds{type=\"diff\"}",
                                "pgctl_backup_last_failure_timestamp_seconds", "pgctl_replication_replay_lag",
                                "pgctl_replication_slot_retained_bytes")),
                row("a failed diff backup recorded by pgctl", f -> f.failures.put("diff", Instant.parse("2026-11-22T01:30:00Z")),
                        lines("pgctl_backup_last_failure_timestamp_seconds{type=\"diff\"} 1.795311E9"),
                        lines("pgctl_backup_last_failure_timestamp_seconds{type=\"full\"}")),
                row("an active warning is 1, the others 0", f -> f.warnings.add(new StatusReport.Warning(
                        Warnings.Kind.ARCHIVING_FAILING, "WAL archiving is failing", "pgctl check")),
                        lines("pgctl_warning{kind=\"archiving_failing\"} 1.0", "pgctl_warning{kind=\"no_backup\"} 0.0"),
                        lines()),
                row("postgres down: no archiver, no standby, no replication series", f -> {
                    f.up = false;
                    f.standby = Optional.empty();
                    f.archiving = Optional.empty();
                    f.replication = Optional.empty();
                    f.versions = new Snapshot.Versions("0.1.0", Optional.of("2.60.0"), Optional.empty());
                    f.warnings.add(new StatusReport.Warning(Warnings.Kind.POSTGRES_DOWN, "down", "docker logs"));
                }, lines("pgctl_postgres_up 0.0", "pgctl_warning{kind=\"postgres_down\"} 1.0",
                        "pgctl_build_info{pgbackrest_version=\"2.60.0\",pgctl_version=\"0.1.0\",postgresql_version=\"\",role=\"primary\"} 1"),
                        lines("pgctl_standby", "pgctl_wal_archived_total", "pgctl_wal_last_archived_age_seconds",
                                "pgctl_replication_connected_replicas")),
                row("the repository unreadable at its last refresh", f -> f.repo = Snapshot.Repository.read(
                        new InfoResult(Optional.empty(), "connection refused"), Instant.parse("2026-11-22T02:59:00Z")),
                        lines("pgctl_repository_reachable{repo=\"1\"} 0.0",
                                "pgctl_repository_refresh_age_seconds{repo=\"1\"} 60.0"),
                        lines("pgctl_backups{", "pgctl_backup_last_success_timestamp_seconds", "pgctl_repository_size_bytes",
                                "pgctl_recovery_window_start_timestamp_seconds")),
                row("the repository unreadable after a read that saw it: backup ages keep growing from what it held",
                        f -> f.repo = Snapshot.Repository.read(new InfoResult(Optional.empty(), "connection refused"),
                                Instant.parse("2026-11-22T02:59:00Z")).keepingContentsOf(Snapshot.Repository.read(
                                        new InfoResult(Optional.of(info(List.of(backup("20261122-010000F", "full",
                                                "2026-11-22T01:00:00Z", 70, 100, 40)))), ""),
                                        Instant.parse("2026-11-22T02:58:00Z"))),
                        lines("pgctl_repository_reachable{repo=\"1\"} 0.0",
                                "pgctl_repository_refresh_age_seconds{repo=\"1\"} 60.0",
                                "pgctl_backups{type=\"full\"} 1.0",
                                "pgctl_backup_last_success_timestamp_seconds{type=\"full\"} 1.79530927E9"),
                        lines()),
                row("the repository not read yet: nothing about it, and no warning that needs it", f -> {
                    f.repo = Snapshot.Repository.notReadYet();
                    f.warnings.add(new StatusReport.Warning(Warnings.Kind.REPOSITORY_UNREADABLE, "not read yet", "check"));
                }, lines("pgctl_warning{kind=\"postgres_down\"} 0.0"),
                        lines("pgctl_repository_reachable", "pgctl_repository_refresh", "pgctl_backups{",
                                "pgctl_warning{kind=\"repository_unreadable\"}", "pgctl_warning{kind=\"no_backup\"}",
                                "pgctl_warning{kind=\"two_primaries\"}")),
                row("no repository configured", f -> f.repo = Snapshot.Repository.NOT_CONFIGURED,
                        lines("pgctl_warning{kind=\"no_repository\"} 0.0", "pgctl_warning{kind=\"repository_unreadable\"} 0.0"),
                        lines("pgctl_repository_reachable", "pgctl_backups{")),
                row("a backup pgBackRest marked as failed with an error is not counted", f -> f.repo = Snapshot.Repository.read(
                        new InfoResult(Optional.of(info(List.of(backup("20261122-010000F", "full", "2026-11-22T01:00:00Z", 70, 100, 40),
                                new RepoInfo.Backup("20261122-020000F", "full", Instant.parse("2026-11-22T02:00:00Z"),
                                        Instant.parse("2026-11-22T02:01:00Z"), 1, 1, Optional.empty(), Optional.empty(),
                                        Map.of(), true)))), ""), Instant.parse("2026-11-22T02:59:30Z")),
                        lines("pgctl_backups{type=\"full\"} 1.0",
                                "pgctl_backup_last_success_timestamp_seconds{type=\"full\"} 1.79530927E9"),
                        lines()),
                row("a standby: replay lag, no replicas count", f -> {
                    f.standby = Optional.of(true);
                    f.replication = Optional.of(new ReplicationReport("standby", Optional.of(new ReplicationReport.Upstream(
                            "streaming", Optional.of("db-primary"), Optional.of(5432), Optional.empty(), 4096, 2.5,
                            Optional.empty(), Optional.empty())), List.of(), List.of()));
                }, lines("pgctl_standby 1.0", "pgctl_replication_replay_lag_bytes 4096.0",
                        "pgctl_replication_replay_lag_seconds 2.5"),
                        lines("pgctl_replication_connected_replicas", "db-primary")),
                row("a primary with a replica and its slot", f -> f.replication = Optional.of(new ReplicationReport("primary",
                        Optional.empty(), List.of(new ReplicationReport.Downstream("replica1", Optional.of("10.0.0.7"),
                                "streaming", "async", 0, Optional.of(0.1))),
                        List.of(new ReplicationReport.Slot("replica_1", true, 1234)))),
                        lines("pgctl_replication_connected_replicas 1.0",
                                "pgctl_replication_slot_retained_bytes{slot=\"replica_1\"} 1234.0"),
                        lines("10.0.0.7", "pgctl_replication_replay_lag")),
                row("first backup running", f -> f.job = Optional.of(new StatusReport.Job("running", "first full backup", "",
                        "2026-11-22T02:45:08Z")),
                        lines("pgctl_first_backup_state{state=\"running\"} 1.0", "pgctl_first_backup_state{state=\"done\"} 0.0"),
                        lines()),
                row("no first-backup job (a standby, an adopted cluster)", f -> f.job = Optional.empty(), lines(),
                        lines("pgctl_first_backup_state")),
                row("backups pending, scheduler and monitor down", f -> {
                    f.pending = true;
                    f.scheduler = false;
                    f.monitor = false;
                }, lines("pgctl_backups_pending 1.0", "pgctl_scheduler_up 0.0", "pgctl_monitor_up 0.0"), lines()),
                row("no certificate, pg_wal and .ready files unreadable", f -> {
                    f.ssl = Optional.empty();
                    f.walReady = Optional.empty();
                    f.pgWal = Optional.empty();
                }, lines("pgctl_filesystem_free_bytes{path_kind=\"pgdata\"}"),
                        lines("pgctl_ssl_certificate_expiry_timestamp_seconds", "pgctl_wal_ready_segments",
                                "path_kind=\"pg_wal\"")),
                row("WAL piles up in pg_wal: its growth and the time until pg_wal is full", f -> f.walBacklog = Optional.of(
                        new StatusReport.WalBacklog(10, 160L << 20, Optional.of("2026-11-25T11:50:00Z"),
                                "/var/lib/postgresql/18/docker/pg_wal", 300L << 20, Optional.of(1048576.0), Optional.of(300L))),
                        lines("pgctl_wal_backlog_growth_bytes_per_second 1048576.0", "pgctl_wal_disk_full_seconds 300.0"),
                        lines()),
                row("pg_wal unreadable: no forecast", f -> f.walBacklog = Optional.empty(), lines(),
                        lines("pgctl_wal_backlog_growth_bytes_per_second", "pgctl_wal_disk_full_seconds")),
                row("nothing archived yet", f -> f.archiving = Optional.of(new StatusReport.Archiving(0, Optional.empty(),
                        Optional.empty(), 0, Optional.empty(), Optional.empty())),
                        lines("pgctl_wal_archived_total 0.0"),
                        lines("pgctl_wal_newest_archived_timestamp_seconds", "pgctl_wal_last_archived_age_seconds")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void mapsTheFactsToTheirSeries(String name, Consumer<F> change, List<String> present, List<String> absent) {
        F f = new F();
        change.accept(f);
        String text = render(f);
        List<String> got = Arrays.asList(text.split("\n"));
        for (String p : present) {
            // a whole line, or a series whose value the row leaves open
            assertTrue(got.contains(p) || got.stream().anyMatch(l -> l.startsWith(p + " ")),
                    "missing line '" + p + "' in:\n" + text);
        }
        for (String a : absent) {
            assertFalse(text.contains(a), "'" + a + "' should be absent in:\n" + text);
        }
    }

    /** Every metric family that any row of the table exports (with a recorded failure, so that one shows too). */
    static Set<String> exportedNames() {
        Set<String> names = new TreeSet<>();
        rows().forEach(a -> {
            F f = new F();
            @SuppressWarnings("unchecked")
            Consumer<F> change = (Consumer<F>) a.get()[1];
            change.accept(f);
            f.failures.put("full", NOW);
            render(f).lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> names.add(l.split(" ")[2]));
        });
        return names;
    }

    /** README's "Monitoring" table names every family any row exports, and every warning kind. */
    @Test
    void theReadmeListsEveryMetricAndEveryWarningKind() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("## Monitoring"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        Set<String> names = exportedNames();
        assertTrue(names.size() >= 34, names.toString());
        for (String n : names) {
            assertTrue(section.contains("| `" + n + "`"), "README's Monitoring table lacks " + n);
        }
        for (Warnings.Kind k : Warnings.Kind.values()) {
            assertTrue(section.contains("`" + k.name().toLowerCase(Locale.ROOT) + "`"), k.name());
        }
    }

    /** monitoring/contract-metrics.txt (what the alert rules and the dashboard may use) is exactly what pgctl exports. */
    @Test
    void theMonitoringContractListIsWhatTheExporterWrites() throws Exception {
        Set<String> exported = exportedNames();
        Set<String> contract = new TreeSet<>(Files.readAllLines(Path.of("../monitoring/contract-metrics.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertEquals(exported, contract, "monitoring/contract-metrics.txt must list every metric pgctl exports, and no other");
    }

    @Test
    void everyWarningKindIsOneSeriesWithItsStableName() {
        String text = render(new F());
        for (Warnings.Kind k : Warnings.Kind.values()) {
            assertTrue(text.contains("pgctl_warning{kind=\"" + k.name().toLowerCase(Locale.ROOT) + "\"} 0.0"), k.name());
        }
    }

    @Test
    void everyFamilyHasHelpAndAType() {
        String text = render(new F());
        long families = text.lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertEquals(families, text.lines().filter(l -> l.startsWith("# HELP ")).count());
        assertEquals(31, families, "families of a healthy primary");
        // units in the names: every timestamp, duration and size says its unit
        text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2])
                .filter(n -> n.contains("timestamp") || n.contains("duration") || n.contains("size") || n.contains("age")
                        || n.contains("lag_") || n.contains("free"))
                .forEach(n -> assertTrue(n.endsWith("_seconds") || n.endsWith("_bytes"), n));
    }
}
