package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.ui.Out;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    static final Out PLAIN = new Out(System.out, System.err, false, false, "test");

    static StatusReport report(List<StatusReport.Warning> warnings, boolean reachable) {
        return report(warnings, reachable, false, Optional.empty());
    }

    static StatusReport report(List<StatusReport.Warning> warnings, boolean reachable, boolean standby,
            Optional<ReplicationReport> replication) {
        return new StatusReport(standby ? "replica" : "primary",
                new StatusReport.Postgres(true, Optional.of(standby), "/var/lib/postgresql/18/docker"),
                Optional.of(new StatusReport.Ssl(Optional.of(true), "/var/lib/postgresql/ssl/server.crt", "generated",
                        "2027-12-24T03:00:00Z", 397)),
                Optional.of(new StatusReport.Archiving(12, Optional.of("00000001000000000000000C"),
                        Optional.of("2026-11-22T02:45:08Z"), 0, Optional.empty(), Optional.empty())),
                new StatusReport.Repository(true, reachable, reachable ? Optional.empty() : Optional.of("connection refused"),
                        "main", Optional.of("s3://b/pgbackrest at s3:9191"),
                        reachable ? List.of(new StatusReport.Backup("full", "20261122-024500F", "2026-11-22T02:45:08Z",
                                3 * 3600, 23 * 1024 * 1024, 2 * 1024 * 1024)) : List.of(), reachable ? 1 : 0),
                Optional.of(new StatusReport.Job("done", "first full backup", "took 7 s", "2026-11-22T02:45:08Z")), true,
                List.of(new StatusReport.Schedule("full", Optional.of("0 1 * * 0"), Optional.of("2026-11-29T01:00:00Z")),
                        new StatusReport.Schedule("incr", Optional.empty(), Optional.empty())),
                warnings, replication,
                List.of(new StatusReport.Space("pgdata", "/var/lib/postgresql/18/docker", 40L << 30, 100L << 30)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static StatusReport withMonitor(StatusReport r, Optional<StatusReport.Monitor> monitor) {
        return new StatusReport(r.role(), r.postgres(), r.ssl(), r.archiving(), r.repository(), r.firstRun(),
                r.schedulerRunning(), r.schedules(), r.warnings(), r.replication(), r.space(), r.lastDrill(), monitor,
                r.walBacklog(), r.walGap());
    }

    static StatusReport withWal(StatusReport r, StatusReport.WalBacklog w) {
        return new StatusReport(r.role(), r.postgres(), r.ssl(), r.archiving(), r.repository(), r.firstRun(),
                r.schedulerRunning(), r.schedules(), r.warnings(), r.replication(), r.space(), r.lastDrill(), r.monitor(),
                Optional.of(w), r.walGap());
    }

    @Test
    void theWalRowShowsTheBacklogItsGrowthAndWhenPgWalIsFull() {
        String growing = StatusText.render(withWal(report(List.of(), false), new StatusReport.WalBacklog(10, 160L << 20,
                Optional.of("2026-11-22T02:50:00Z"), "/pg/pg_wal", 150L << 20, Optional.of(524288.0), Optional.of(300L))), PLAIN);
        assertTrue(growing.contains("\nwal waiting      10 segments (160.0 MiB) since 2026-11-22T02:50:00Z, 150.0 MiB free "
                + "for pg_wal, growing 30.0 MiB/min: full in about 5 min\n"), growing);
        String steady = StatusText.render(withWal(report(List.of(), true), new StatusReport.WalBacklog(1, 16L << 20,
                Optional.of("2026-11-22T02:50:00Z"), "/pg/pg_wal", 150L << 20, Optional.of(0.0), Optional.empty())), PLAIN);
        assertTrue(steady.contains("wal waiting      1 segments (16.0 MiB) since 2026-11-22T02:50:00Z, 150.0 MiB free "
                + "for pg_wal, not growing\n"), steady);
        String none = StatusText.render(withWal(report(List.of(), true), new StatusReport.WalBacklog(0, 0,
                Optional.empty(), "/pg/pg_wal", 150L << 20, Optional.of(0.0), Optional.empty())), PLAIN);
        assertFalse(none.contains("wal waiting"), none);
    }

    @Test
    void theMonitorRowSaysWhetherItRunsAndItsPort() {
        String running = StatusText.render(withMonitor(report(List.of(), true),
                Optional.of(new StatusReport.Monitor(true, Optional.of(9188)))), PLAIN);
        assertTrue(running.contains("scheduler        running\nmonitor          running, metrics on port 9188\n"), running);
        String down = StatusText.render(withMonitor(report(List.of(), true),
                Optional.of(new StatusReport.Monitor(false, Optional.of(9188)))), PLAIN);
        assertTrue(down.contains("monitor          not running, metrics on port 9188\n"), down);
        assertFalse(StatusText.render(report(List.of(), true), PLAIN).contains("monitor"));
    }

    @Test
    void healthy() {
        assertEquals("""
                role             primary
                postgresql       up
                ssl              on, certificate generated, expires 2027-12-24T03:00:00Z (in 397 days)
                wal archiving    12 archived, last 00000001000000000000000C at 2026-11-22T02:45:08Z
                space pgdata     40.0 GiB free of 100.0 GiB (40%)  /var/lib/postgresql/18/docker
                repository       s3://b/pgbackrest at s3:9191 stanza main: reachable
                backups          1 in the repository
                  latest full    20261122-024500F  2026-11-22T02:45:08Z  (3 h ago, 23.0 MiB, 2.0 MiB in the repository)
                first backup     done (first full backup: took 7 s)
                scheduler        running
                schedule full    0 1 * * 0  next 2026-11-29T01:00:00Z
                schedule incr    disabled
                warnings         none
                """, StatusText.render(report(List.of(), true), PLAIN));
    }

    @Test
    void brokenRepositoryShowsTheErrorAndEachWarningWithItsFix() {
        String text = StatusText.render(report(List.of(new StatusReport.Warning(Warnings.Kind.REPOSITORY_UNREADABLE, "the repository cannot be read",
                "docker exec <container> pgctl check")), false), PLAIN);
        assertTrue(text.contains("stanza main: unreachable (connection refused)"), text);
        assertTrue(text.contains("WARNING the repository cannot be read\n  fix: docker exec <container> pgctl check\n"), text);
    }

    @Test
    void aStandbyShowsItsStreamAndThatBackupsAreTakenOnThePrimary() {
        var rep = new ReplicationReport("standby", Optional.of(new ReplicationReport.Upstream("streaming",
                Optional.of("db-primary"), Optional.of(5432), Optional.of("replica_1"), 8192, 0.4,
                Optional.of("0/5000060"), Optional.empty())), List.of(), List.of());
        String text = StatusText.render(report(List.of(), true, true, Optional.of(rep)), PLAIN);
        assertTrue(text.startsWith("role             replica (standby)\n"), text);
        assertTrue(text.contains("replication      streams from db-primary:5432: streaming, lag 8.0 KiB, 0.4 s\n"), text);
        assertTrue(text.contains("backups          standby: backups are taken on the primary\n"), text);
        assertTrue(text.contains("repository has   1 in the repository\n"), text);
    }

    @Test
    void replicationStatusOfAPrimaryListsReplicasAndSlots() {
        var rep = new ReplicationReport("primary", Optional.empty(),
                List.of(new ReplicationReport.Downstream("replica_1", Optional.of("172.18.0.3"), "streaming", "async", 0,
                        Optional.of(0.002))),
                List.of(new ReplicationReport.Slot("replica_1", true, 1024), new ReplicationReport.Slot("old", false, 3L << 30)));
        assertEquals("""
                role             primary
                replica          replica_1 (172.18.0.3)  streaming, async, lag 0 B, 0.0 s
                slot             replica_1  active, retains 1.0 KiB of WAL
                slot             old  inactive, retains 3.0 GiB of WAL
                """, ReplicationText.render(rep, PLAIN));
    }
}
