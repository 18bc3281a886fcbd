package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.render.Crontab;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules are UTC whatever TZ the container has: the crontab tells supercronic (CRON_TZ=UTC, which it
 * prefers to its TZ) and status computes next runs in UTC; run here with the JVM in Asia/Kolkata (+05:30).
 */
class ScheduleZoneTest {
    private TimeZone saved;

    @BeforeEach
    void kolkata() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
    }

    @AfterEach
    void back() {
        TimeZone.setDefault(saved);
    }

    private static Config config(String... kv) throws Exception {
        Map<String, String> m = new HashMap<>(Map.of("PGBACKREST_REPO1_S3_BUCKET", "my-backups",
                "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com", "PGBACKREST_REPO1_S3_KEY", "AKIA",
                "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new ConfigLoader(new Env(m, p -> ""), 2).load();
    }

    @Test
    void theCrontabNamesUtcBeforeAnySchedule() throws Exception {
        List<String> lines = Crontab.render(config()).lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals("CRON_TZ=UTC", lines.get(0), String.join("\n", lines));
        assertTrue(lines.stream().skip(1).noneMatch(l -> l.startsWith("CRON_TZ=") || l.startsWith("TZ=")));
    }

    @Test
    void nextRunsAreUtcWithTheJvmInAnotherZone() throws Exception {
        // Wednesday 2026-12-02 05:45 UTC = 11:15 in Kolkata
        Instant now = Instant.parse("2026-12-02T05:45:00Z");
        assertEquals(Optional.of(Instant.parse("2026-12-06T01:00:00Z")), Schedules.nextRun("0 1 * * 0", now));
        assertEquals(Optional.of(Instant.parse("2026-12-03T01:00:00Z")), Schedules.nextRun("0 1 * * 1-6", now));
        assertEquals(Optional.of(Instant.parse("2026-12-02T06:00:00Z")), Schedules.nextRun("*/30 * * * *", now));
        // 02:30 on 1 January: in Kolkata that would be 2026-12-31T21:00:00Z
        assertEquals(Optional.of(Instant.parse("2027-01-01T02:30:00Z")), Schedules.nextRun("30 2 1 1 *", now));
        List<StatusReport.Schedule> s = Schedules.of(config("PGCTL_BACKUP_SCHEDULE_INCR", "off"), now);
        assertEquals(List.of(new StatusReport.Schedule("full", Optional.of("0 1 * * 0"), Optional.of("2026-12-06T01:00:00Z")),
                new StatusReport.Schedule("diff", Optional.of("0 1 * * 1-6"), Optional.of("2026-12-03T01:00:00Z")),
                new StatusReport.Schedule("incr", Optional.empty(), Optional.empty())), s);
    }
}
