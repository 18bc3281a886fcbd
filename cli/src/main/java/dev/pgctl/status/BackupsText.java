package dev.pgctl.status;

import dev.pgctl.ui.Out;
import dev.pgctl.ui.Units;
import java.util.Locale;

/** Renders a BackupsReport for people. Pure. */
public final class BackupsText {
    private BackupsText() {
    }

    /** Each repository in turn, "repoN" first; one that cannot be read with its error and fix. */
    public static String render(BackupsReport.Repositories rs, Out o) {
        StringBuilder sb = new StringBuilder();
        for (BackupsReport.OfRepo r : rs.repos()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (r.report().isPresent()) {
                sb.append("repo").append(r.repo()).append(' ').append(render(r.report().get(), o));
            } else {
                sb.append(String.format(Locale.ROOT, "repo%d %s: %s%n", r.repo(), r.location(),
                        o.red("cannot be read (" + r.error().orElse("") + ")")));
                r.fix().ifPresent(f -> sb.append(String.format(Locale.ROOT, "%-16s %s%n", "fix", f)));
            }
        }
        return sb.toString();
    }

    public static String render(BackupsReport r, Out o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, stanza %s: %d backup%s%s%n", r.location(), r.stanza(), r.total(),
                r.total() == 1 ? "" : "s", r.backups().size() < r.total() ? " (the last " + r.backups().size() + " shown)" : ""));
        if (!r.backups().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-34s %-5s %-20s %7s %10s %10s  %s%n", "LABEL", "TYPE", "FINISHED",
                    "TOOK", "SIZE", "IN REPO", "NOTE"));
        }
        for (BackupsReport.Entry e : r.backups()) {
            sb.append(String.format(Locale.ROOT, "%-34s %-5s %-20s %7s %10s %10s  %s", e.label(), e.type(), e.finished(),
                    e.seconds() + " s", Units.bytes(e.sizeBytes()), Units.bytes(e.repoBytes()),
                    e.pgctlLabel().orElse("")).stripTrailing()).append('\n');
            e.retention().ifPresent(why -> sb.append("    ").append(why).append('\n'));
        }
        sb.append(String.format(Locale.ROOT, "%-16s %s%n", "wal archive",
                r.archiveMin().map(m -> m + " .. " + r.archiveMax().orElse("?")).orElse("none")));
        if (r.calendar().isPresent()) {
            sb.append(String.format(Locale.ROOT, "%-16s %s (PGCTL_RETENTION, applied by pgctl prune); WAL kept for the "
                    + "newest %d full backup%s%n", "retention", r.calendar().get(), r.retentionFull(),
                    r.retentionFull() == 1 ? "" : "s"));
        } else {
            sb.append(String.format(Locale.ROOT, "%-16s full %d%s%n", "retention", r.retentionFull(),
                    r.retentionDiff().map(d -> ", diff " + d).orElse("")));
            sb.append(String.format(Locale.ROOT, "%-16s %s%n", "next full",
                    r.expiresAfterNextFull().isEmpty() ? "expires nothing"
                            : "expires " + String.join(", ", r.expiresAfterNextFull())));
        }
        if (r.calendar().isEmpty() && r.retentionDiff().isPresent()) {
            sb.append(String.format(Locale.ROOT, "%-16s %s%n", "next diff",
                    r.expiresAfterNextDiff().isEmpty() ? "expires nothing"
                            : "expires " + String.join(", ", r.expiresAfterNextDiff())));
        }
        for (StatusReport.Schedule sc : r.schedules()) {
            sb.append(String.format(Locale.ROOT, "%-16s %s%n", "schedule " + sc.type(),
                    sc.cron().map(c -> c + "  next " + sc.nextRun().orElse("?")).orElse("disabled")));
        }
        return sb.toString();
    }
}
