package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.ui.Out;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    static final Out PLAIN = new Out(System.out, System.err, false, false, "test");

    static StatusReport report(List<StatusReport.Warning> warnings, boolean reachable) {
        return new StatusReport("primary",
                new StatusReport.Postgres(true, Optional.of(false), "/var/lib/postgresql/18/docker"),
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
                warnings);
    }

    @Test
    void healthy() {
        assertEquals("""
                role             primary
                postgresql       up
                ssl              on, certificate generated, expires 2027-12-24T03:00:00Z (in 397 days)
                wal archiving    12 archived, last 00000001000000000000000C at 2026-11-22T02:45:08Z
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
        String text = StatusText.render(report(List.of(new StatusReport.Warning("the repository cannot be read",
                "docker exec <container> pgctl check")), false), PLAIN);
        assertTrue(text.contains("stanza main: unreachable (connection refused)"), text);
        assertTrue(text.contains("WARNING the repository cannot be read\n  fix: docker exec <container> pgctl check\n"), text);
    }

    @Test
    void humanSizesAndAges() {
        assertEquals("512 B", StatusText.bytes(512));
        assertEquals("1.5 KiB", StatusText.bytes(1536));
        assertEquals("59 s", StatusText.age(59));
        assertEquals("5 min", StatusText.age(300));
        assertEquals("3 days", StatusText.age(3 * 86400));
    }
}
