package dev.pgctl.render;

import dev.pgctl.config.Config;
import java.time.ZoneId;
import java.util.Optional;

/** Renders the crontab that supercronic runs as postgres. */
public final class Crontab {
    /**
     * The zone schedules are read in, whatever TZ the container has: the crontab says so to supercronic
     * (CRON_TZ, which it prefers to the process's TZ), and status computes next runs in the same zone.
     */
    public static final ZoneId ZONE = ZoneId.of("UTC");

    private Crontab() {
    }

    public static String render(Config c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Managed by pgctl: rewritten at every container start from PGCTL_BACKUP_SCHEDULE_* and PGCTL_DRILL_SCHEDULE.\n");
        sb.append("# Schedules are in UTC whatever TZ the container has.\n");
        sb.append("CRON_TZ=").append(ZONE.getId()).append('\n');
        line(sb, c.schedules().full(), "full");
        line(sb, c.schedules().diff(), "diff");
        line(sb, c.schedules().incr(), "incr");
        // a second repository's own schedules (README "Second repository")
        c.repo2().ifPresent(r -> {
            line(sb, r.schedules().full(), "full", 2);
            line(sb, r.schedules().diff(), "diff", 2);
            line(sb, r.schedules().incr(), "incr", 2);
        });
        c.drill().schedule().ifPresentOrElse(
                s -> sb.append(SafeValue.line("the crontab", "the drill schedule", s)).append(" pgctl drill --scheduled\n"),
                () -> sb.append("# restore drills: disabled\n"));
        return sb.toString();
    }

    private static void line(StringBuilder sb, Optional<String> schedule, String type) {
        schedule.ifPresentOrElse(
                s -> sb.append(SafeValue.line("the crontab", "the " + type + " schedule", s))
                        .append(" pgctl backup ").append(type).append(" --scheduled\n"),
                () -> sb.append("# ").append(type).append(" backups: disabled\n"));
    }

    private static void line(StringBuilder sb, Optional<String> schedule, String type, int repo) {
        schedule.ifPresentOrElse(
                s -> sb.append(SafeValue.line("the crontab", "the repo" + repo + " " + type + " schedule", s))
                        .append(" pgctl backup ").append(type).append(" --repo ").append(repo).append(" --scheduled\n"),
                () -> sb.append("# ").append(type).append(" backups to repo").append(repo).append(": disabled\n"));
    }
}
