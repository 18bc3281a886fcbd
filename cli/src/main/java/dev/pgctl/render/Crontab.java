package dev.pgctl.render;

import dev.pgctl.config.Config;
import java.util.Optional;

/** Renders the crontab that supercronic runs as postgres. */
public final class Crontab {
    private Crontab() {
    }

    public static String render(Config c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Managed by pgctl: rewritten at every container start from PGCTL_BACKUP_SCHEDULE_*.\n");
        line(sb, c.schedules().full(), "full");
        line(sb, c.schedules().diff(), "diff");
        line(sb, c.schedules().incr(), "incr");
        return sb.toString();
    }

    private static void line(StringBuilder sb, Optional<String> schedule, String type) {
        schedule.ifPresentOrElse(
                s -> sb.append(SafeValue.line("the crontab", "the " + type + " schedule", s))
                        .append(" pgctl backup ").append(type).append(" --scheduled\n"),
                () -> sb.append("# ").append(type).append(" backups: disabled\n"));
    }
}
