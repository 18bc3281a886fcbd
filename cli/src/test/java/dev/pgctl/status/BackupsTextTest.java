package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.ui.Out;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupsTextTest {
    static final Out PLAIN = new Out(System.out, System.err, false, false, "test");

    @Test
    void listsBackupsRetentionWhatExpiresNextAndTheSchedule() {
        BackupsReport r = new BackupsReport("main", "s3://b/pgbackrest",
                List.of(new BackupsReport.Entry("20261122-010000F", "full", "2026-11-22T01:00:00Z", "2026-11-22T01:00:17Z",
                        17, 3L << 30, 900L << 20, Optional.of("first"), Optional.of("000000010000000000000004"),
                        Optional.of("000000010000000000000004"), Optional.empty()),
                        new BackupsReport.Entry("20261122-010000F_20261122-013000I", "incr", "2026-11-22T01:30:00Z",
                                "2026-11-22T01:30:02Z", 2, 3L << 30, 1L << 20, Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty())),
                3, 2, Optional.empty(), List.of("20261115-010000F"), List.of(), Optional.of("000000010000000000000001"),
                Optional.of("000000010000000000000009"),
                List.of(new StatusReport.Schedule("full", Optional.of("0 1 * * 0"), Optional.of("2026-11-29T01:00:00Z"))),
                Optional.empty());
        assertEquals("""
                s3://b/pgbackrest, stanza main: 3 backups (the last 2 shown)
                LABEL                              TYPE  FINISHED                TOOK       SIZE    IN REPO  NOTE
                20261122-010000F                   full  2026-11-22T01:00:17Z    17 s    3.0 GiB  900.0 MiB  first
                20261122-010000F_20261122-013000I  incr  2026-11-22T01:30:02Z     2 s    3.0 GiB    1.0 MiB
                wal archive      000000010000000000000001 .. 000000010000000000000009
                retention        full 2
                next full        expires 20261115-010000F
                schedule full    0 1 * * 0  next 2026-11-29T01:00:00Z
                """, BackupsText.render(r, PLAIN));
    }

    @Test
    void withACalendarPolicyEachBackupSaysWhatKeepsItAndNoCountLineShows() {
        BackupsReport r = new BackupsReport("main", "s3://b/pgbackrest",
                List.of(new BackupsReport.Entry("20261122-010000F", "full", "2026-11-22T01:00:00Z", "2026-11-22T01:00:17Z",
                        17, 3L << 30, 900L << 20, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("kept: weekly 2026-W47 (the prune on 2026-12-21 or later expires it)"))),
                1, 2, Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.of("weekly=4"));
        assertEquals("""
                s3://b/pgbackrest, stanza main: 1 backup
                LABEL                              TYPE  FINISHED                TOOK       SIZE    IN REPO  NOTE
                20261122-010000F                   full  2026-11-22T01:00:17Z    17 s    3.0 GiB  900.0 MiB
                    kept: weekly 2026-W47 (the prune on 2026-12-21 or later expires it)
                wal archive      none
                retention        weekly=4 (PGCTL_RETENTION, applied by pgctl prune); WAL kept for the newest 2 full backups
                """, BackupsText.render(r, PLAIN));
    }
}
