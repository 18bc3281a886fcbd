package dev.pgctl.metrics;

import java.util.TreeMap;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.status.StatusReport;
import dev.pgctl.status.Warnings;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * Every metric of pgctl, as a pure function of one {@link Snapshot} and the time of the scrape. The Prometheus
 * client renders them; nothing here formats exposition text. What is not known is not exported (a series is
 * absent, never a made-up 0). No label carries a secret or an address: label values are backup types, path
 * kinds, slot names, warning kinds, versions and the role. README "Monitoring" lists them all; table-tested in
 * MetricsMappingTest.
 */
public final class MetricsMapping {
    private MetricsMapping() {
    }

    /** The repository label's value with one repository (pgBackRest's repo1); with two, "1" and "2". */
    static final String REPO = "1";
    /** The states of the first-backup job (FirstRun: "stopped" is a job that ended without finishing). */
    static final List<String> FIRST_BACKUP_STATES = List.of("pending", "running", "done", "failed", "stopped");
    /** Warnings about the repository: not exported before it was read once (they would say "unreadable"). */
    static final Set<Warnings.Kind> NEED_REPOSITORY = Set.of(Warnings.Kind.REPOSITORY_UNREADABLE,
            Warnings.Kind.NO_BACKUP, Warnings.Kind.TWO_PRIMARIES);

    public static MetricSnapshots of(Snapshot s, Instant now) {
        Families m = new Families();
        StatusReport st = s.status();
        Snapshot.Local local = s.local();

        m.info("pgctl_build", "versions of pgctl, pgBackRest and PostgreSQL, and this container's PGCTL_ROLE",
                Labels.of("pgctl_version", local.versions().pgctl(),
                        "pgbackrest_version", local.versions().pgbackrest().orElse(""),
                        "postgresql_version", local.versions().postgresql().orElse(""),
                        "role", st.role()));
        m.gauge("pgctl_up", "1: pgctl gathered the facts of this scrape", Labels.EMPTY, 1);
        m.gauge("pgctl_scrape_duration_seconds", "time it took to gather the local facts served by this scrape",
                Labels.EMPTY, seconds(s.gatherTime()));
        m.gauge("pgctl_postgres_up", "1 when PostgreSQL accepts connections on its socket", Labels.EMPTY,
                bit(st.postgres().up()));
        st.postgres().standby().ifPresent(standby -> m.gauge("pgctl_standby",
                "1 when the running server is a standby (in recovery), 0 on a primary", Labels.EMPTY, bit(standby)));

        repository(m, s.repository(), now);
        backups(m, s.repository(), local.lastFailure());

        st.archiving().ifPresent(a -> {
            m.counter("pgctl_wal_archived", "WAL files archived since the statistics were reset (pg_stat_archiver)",
                    a.archivedCount());
            m.counter("pgctl_wal_archive_failed", "failed attempts to archive a WAL file (pg_stat_archiver)",
                    a.failedCount());
            a.lastArchivedTime().flatMap(MetricsMapping::instant).ifPresent(t -> {
                m.gauge("pgctl_wal_newest_archived_timestamp_seconds",
                        "when the newest WAL file was archived (pg_stat_archiver.last_archived_time)", Labels.EMPTY,
                        epoch(t));
                m.gauge("pgctl_wal_last_archived_age_seconds", "seconds since a WAL file was last archived",
                        Labels.EMPTY, Math.max(0, seconds(Duration.between(t, now))));
            });
        });
        local.walReady().ifPresent(w -> {
            m.gauge("pgctl_wal_ready_segments", "WAL segments in pg_wal waiting to be archived (.ready files)",
                    Labels.EMPTY, w.segments());
            m.gauge("pgctl_wal_ready_bytes", "bytes of the WAL segments waiting to be archived", Labels.EMPTY, w.bytes());
        });
        st.walBacklog().ifPresent(w -> {
            w.growthBytesPerSecond().ifPresent(r -> m.gauge("pgctl_wal_backlog_growth_bytes_per_second",
                    "how fast the WAL waiting in pg_wal grew over the last minutes (negative: it shrinks)", Labels.EMPTY, r));
            w.secondsToFull().ifPresent(t -> m.gauge("pgctl_wal_disk_full_seconds",
                    "seconds until pg_wal's file system is full at the pace WAL piles up for the archiver (absent while "
                            + "the backlog does not grow)", Labels.EMPTY, t));
        });
        List<StatusReport.Space> spaces = new ArrayList<>(st.space());
        local.pgWal().ifPresent(spaces::add);
        for (StatusReport.Space sp : spaces) {
            Labels kind = Labels.of("path_kind", sp.what());
            m.gauge("pgctl_filesystem_free_bytes", "bytes free for PostgreSQL (pgdata, pg_wal) and the archive spool",
                    kind, sp.freeBytes());
            m.gauge("pgctl_filesystem_size_bytes", "size of the filesystem holding pgdata, pg_wal or the spool", kind,
                    sp.totalBytes());
        }
        st.ssl().flatMap(t -> instant(t.expires())).ifPresent(t -> m.gauge(
                "pgctl_ssl_certificate_expiry_timestamp_seconds", "when the server certificate expires (notAfter)",
                Labels.EMPTY, epoch(t)));
        st.replication().ifPresent(r -> replication(m, r));

        m.gauge("pgctl_scheduler_up", "1 when the backup scheduler (supercronic) runs", Labels.EMPTY,
                bit(st.schedulerRunning()));
        m.gauge("pgctl_monitor_up", "1 when a pgctl monitor process runs in the container", Labels.EMPTY,
                bit(local.monitorRunning()));
        st.firstRun().filter(j -> FIRST_BACKUP_STATES.contains(j.state())).ifPresent(j -> {
            for (String state : FIRST_BACKUP_STATES) {
                m.gauge("pgctl_first_backup_state", "the after-start job (stanza-create, first full backup): 1 for "
                        + "its current state", Labels.of("state", state), bit(state.equals(j.state())));
            }
        });
        m.gauge("pgctl_backups_pending", "1 on an adopted cluster or a promoted replica until pgctl enable-backups",
                Labels.EMPTY, bit(local.backupsPending()));
        Set<Warnings.Kind> active = st.warnings().stream().map(StatusReport.Warning::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Warnings.Kind.class)));
        for (Warnings.Kind kind : Warnings.Kind.values()) {
            if (NEED_REPOSITORY.contains(kind) && !s.repository().known()) {
                continue;
            }
            m.gauge("pgctl_warning", "1 while pgctl status shows this warning, 0 otherwise",
                    Labels.of("kind", kind.name().toLowerCase(Locale.ROOT)), bit(active.contains(kind)));
        }
        return m.build();
    }

    private static void repository(Families m, Snapshot.Repository r, Instant now) {
        if (!r.configured() || r.refreshed().isEmpty()) {
            return;
        }
        Instant at = r.refreshed().get();
        // with a second repository, each on its own (README "Second repository"): repo="1" and repo="2"
        Map<Integer, InfoResult> each = r.result().map(InfoResult::repos).orElse(Map.of());
        Map<String, Boolean> reachable = new TreeMap<>();
        if (each.isEmpty()) {
            reachable.put(REPO, r.result().map(InfoResult::reachable).orElse(false));
        } else {
            each.forEach((n, one) -> reachable.put(Integer.toString(n), one.reachable()));
        }
        reachable.forEach((n, up) -> {
            Labels repo = Labels.of("repo", n);
            m.gauge("pgctl_repository_reachable", "1 when the repository answered its last refresh (pgbackrest info)",
                    repo, bit(up));
            m.gauge("pgctl_repository_refresh_timestamp_seconds", "when the repository facts were last read", repo,
                    epoch(at));
            m.gauge("pgctl_repository_refresh_age_seconds", "age of the repository facts this scrape serves", repo,
                    Math.max(0, seconds(Duration.between(at, now))));
        });
    }

    private static void backups(Families m, Snapshot.Repository r, Map<String, Instant> lastFailure) {
        r.contents().ifPresent(ri -> {
            List<RepoInfo.Backup> good = ri.backups().stream().filter(b -> !b.error()).toList();
            for (String type : Snapshot.TYPES) {
                Labels t = Labels.of("type", type);
                m.gauge("pgctl_backups", "backups of this type in the repository", t,
                        good.stream().filter(b -> b.type().equals(type)).count());
                good.stream().filter(b -> b.type().equals(type)).reduce((a, b) -> b).ifPresent(b -> {
                    m.gauge("pgctl_backup_last_success_timestamp_seconds",
                            "when the newest backup of this type in the repository ended", t, epoch(b.stop()));
                    m.gauge("pgctl_backup_last_duration_seconds", "how long the newest backup of this type took", t,
                            seconds(Duration.between(b.start(), b.stop())));
                    m.gauge("pgctl_backup_last_size_bytes", "database size the newest backup of this type covers", t,
                            b.size());
                    m.gauge("pgctl_backup_last_repo_size_bytes", "bytes the newest backup of this type stored in the "
                            + "repository (compressed, only what changed)", t, b.repoSize());
                });
            }
            Map<Integer, InfoResult> each = r.result().map(InfoResult::repos).orElse(Map.of());
            if (each.isEmpty()) {
                m.gauge("pgctl_repository_size_bytes", "bytes all backups store in the repository (archived WAL not "
                        + "included)", Labels.of("repo", REPO), good.stream().mapToLong(RepoInfo.Backup::repoSize).sum());
            }
            new TreeMap<>(each).forEach((n, one) -> one.info().ifPresent(x -> m.gauge("pgctl_repository_size_bytes",
                    "bytes all backups store in the repository (archived WAL not included)",
                    Labels.of("repo", Integer.toString(n)),
                    x.backups().stream().filter(b -> !b.error()).mapToLong(RepoInfo.Backup::repoSize).sum())));
            // a consistent restore can end no earlier than the end of the oldest backup
            good.stream().map(RepoInfo.Backup::stop).min(Instant::compareTo).ifPresent(t -> m.gauge(
                    "pgctl_recovery_window_start_timestamp_seconds",
                    "the oldest point a restore can reach (the end of the oldest backup)", Labels.EMPTY, epoch(t)));
        });
        for (String type : Snapshot.TYPES) {
            Instant failed = lastFailure.get(type);
            if (failed != null) {
                m.gauge("pgctl_backup_last_failure_timestamp_seconds",
                        "when the last failed backup of this type ended (pgctl's record, kept in PGCTL_RUN_DIR)",
                        Labels.of("type", type), epoch(failed));
            }
        }
    }

    private static void replication(Families m, ReplicationReport r) {
        r.upstream().ifPresent(u -> {
            m.gauge("pgctl_replication_replay_lag_bytes", "standby: WAL received but not replayed yet", Labels.EMPTY,
                    u.lagBytes());
            m.gauge("pgctl_replication_replay_lag_seconds",
                    "standby: age of the last replayed transaction while WAL waits to be replayed, 0 when caught up",
                    Labels.EMPTY, u.lagSeconds());
        });
        if (r.role().equals("primary")) {
            m.gauge("pgctl_replication_connected_replicas", "primary: standbys connected (pg_stat_replication)",
                    Labels.EMPTY, r.replicas().size());
            for (ReplicationReport.Slot slot : r.slots()) {
                m.gauge("pgctl_replication_slot_retained_bytes", "primary: WAL a physical replication slot keeps",
                        Labels.of("slot", slot.name()), slot.retainedBytes());
            }
        }
    }

    private static Optional<Instant> instant(String iso) {
        try {
            return Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static double bit(boolean b) {
        return b ? 1 : 0;
    }

    private static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Metric families in the order first named, each with its data points. */
    private static final class Families {
        private record Family(String kind, String help, List<Object> points) {
        }

        private final Map<String, Family> families = new LinkedHashMap<>();

        private Family family(String name, String kind, String help) {
            return families.computeIfAbsent(name, n -> new Family(kind, help, new ArrayList<>()));
        }

        void gauge(String name, String help, Labels labels, double value) {
            family(name, "gauge", help).points().add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        void counter(String name, String help, double value) {
            family(name, "counter", help).points().add(CounterDataPointSnapshot.builder().value(value).build());
        }

        void info(String name, String help, Labels labels) {
            family(name, "info", help).points().add(InfoDataPointSnapshot.builder().labels(labels).build());
        }

        MetricSnapshots build() {
            List<MetricSnapshot> out = new ArrayList<>();
            families.forEach((name, f) -> {
                switch (f.kind()) {
                    case "gauge" -> {
                        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(f.help());
                        f.points().forEach(p -> b.dataPoint((GaugeDataPointSnapshot) p));
                        out.add(b.build());
                    }
                    case "counter" -> {
                        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(f.help());
                        f.points().forEach(p -> b.dataPoint((CounterDataPointSnapshot) p));
                        out.add(b.build());
                    }
                    default -> {
                        InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(f.help());
                        f.points().forEach(p -> b.dataPoint((InfoDataPointSnapshot) p));
                        out.add(b.build());
                    }
                }
            });
            return new MetricSnapshots(out);
        }
    }
}
