package dev.pgctl.status;

import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.drill.DrillsText;
import dev.pgctl.ui.Out;
import dev.pgctl.ui.Units;
import java.util.Locale;

/** Renders a StatusReport for people. Pure: the same report gives the same text. */
public final class StatusText {
    private StatusText() {
    }

    public static String render(StatusReport s, Out o) {
        StringBuilder sb = new StringBuilder();
        row(sb, "role", s.role() + s.postgres().standby().map(b -> b ? " (standby)" : "").orElse(""));
        row(sb, "postgresql", s.postgres().up() ? o.green("up") : o.red("down") + "  (" + s.postgres().pgdata() + ")");
        s.ssl().ifPresent(t -> row(sb, "ssl", t.on().map(on -> on ? o.green("on") : o.red("OFF")).orElse("?")
                + ", certificate " + t.source() + ", expires " + t.expires() + " (in " + t.daysLeft() + " days)"));
        s.archiving().ifPresent(a -> {
            String last = a.lastArchivedWal().map(w -> w + " at " + a.lastArchivedTime().orElse("?")).orElse("nothing yet");
            row(sb, "wal archiving", a.archivedCount() + " archived, last " + last);
            if (a.failedCount() > 0) {
                row(sb, "", o.yellow(a.failedCount() + " failed, last " + a.lastFailedWal().orElse("?") + " at "
                        + a.lastFailedTime().orElse("?")));
            }
        });
        s.walBacklog().filter(w -> w.segments() > 0).ifPresent(w -> row(sb, "wal waiting",
                w.segments() + " segments (" + Units.bytes(w.bytesWaiting()) + ")" + w.waitingSince().map(t -> " since " + t)
                        .orElse("") + ", " + Units.bytes(w.freeBytes()) + " free for pg_wal" + w.growthBytesPerSecond()
                        .map(r -> r > 0 ? ", growing " + Units.bytes(Math.round(r * 60)) + "/min" + w.secondsToFull()
                                .map(t -> ": full in about " + Units.age(t)).orElse("") : ", not growing")
                        .orElse("")));
        s.walGap().ifPresent(g -> row(sb, "wal gap", o.red("point-in-time recovery impossible between " + g.from() + " and "
                + g.to()) + " (WAL dropped: " + g.segments() + " segment(s)); " + (g.backupAttempts() > 0
                        ? g.backupAttempts() + " full backup attempt(s) failed, pgctl tries again"
                        : "pgctl takes a full backup once the repository is reachable")));
        for (StatusReport.Space sp : s.space()) {
            long pct = sp.totalBytes() > 0 ? sp.freeBytes() * 100 / sp.totalBytes() : 0;
            String free = Units.bytes(sp.freeBytes()) + " free of " + Units.bytes(sp.totalBytes()) + " (" + pct + "%)";
            row(sb, "space " + sp.what(), (pct < 10 ? o.yellow(free) : free) + "  " + sp.path());
        }
        boolean standby = s.postgres().standby().orElse(false);
        s.replication().ifPresent(rep -> {
            rep.upstream().ifPresent(u -> row(sb, "replication", "streams from " + u.host().orElse("?")
                    + u.port().map(p -> ":" + p).orElse("") + ": "
                    + (u.state().equals("streaming") ? o.green(u.state()) : o.red(u.state())) + ", lag "
                    + Units.bytes(u.lagBytes()) + String.format(Locale.ROOT, ", %.1f s", u.lagSeconds())));
            for (ReplicationReport.Downstream d : rep.replicas()) {
                row(sb, "replica", d.name() + "  " + d.state() + ", lag " + Units.bytes(d.lagBytes()));
            }
        });
        if (standby) {
            row(sb, "backups", "standby: backups are taken on the primary");
        }
        StatusReport.Repository r = s.repository();
        if (!r.configured()) {
            row(sb, "repository", o.red("not configured"));
        } else if (!r.repos().isEmpty()) {
            // a second repository: each on its own line (README "Second repository")
            row(sb, "repository", "stanza " + r.stanza() + " in " + r.repos().size() + " repositories: "
                    + (r.reachable() ? o.green("all reachable") : o.red("not all reachable")));
            for (StatusReport.RepoLine l : r.repos()) {
                row(sb, "  repo" + l.repo(), l.location() + ": " + (l.reachable()
                        ? o.green("reachable") + ", " + l.backupCount() + " backup(s), newest WAL " + l.newestWal().orElse("none")
                        : o.red("unreachable") + " (" + l.error().orElse("") + ")"));
                for (StatusReport.Backup b : l.latest()) {
                    row(sb, "    latest " + b.type(), b.label() + "  " + b.finished() + "  (" + Units.age(b.ageSeconds())
                            + " ago, " + Units.bytes(b.sizeBytes()) + ", " + Units.bytes(b.repoBytes()) + " in repo"
                            + l.repo() + ")");
                }
            }
        } else {
            row(sb, "repository", r.location().orElse("") + " stanza " + r.stanza() + ": "
                    + (r.reachable() ? o.green("reachable") : o.red("unreachable") + " (" + r.error().orElse("") + ")"));
            if (r.reachable()) {
                row(sb, standby ? "repository has" : "backups", r.backupCount() + " in the repository");
                for (StatusReport.Backup b : r.latest()) {
                    row(sb, "  latest " + b.type(), b.label() + "  " + b.finished() + "  (" + Units.age(b.ageSeconds()) + " ago, "
                            + Units.bytes(b.sizeBytes()) + ", " + Units.bytes(b.repoBytes()) + " in the repository)");
                }
            }
        }
        s.firstRun().ifPresent(j -> row(sb, "first backup", j.state() + " (" + j.step()
                + (j.message().isEmpty() ? "" : ": " + j.message()) + ")"));
        row(sb, "scheduler", s.schedulerRunning() ? "running" : o.red("not running"));
        s.monitor().ifPresent(m -> row(sb, "monitor", (m.running() ? "running" : o.red("not running"))
                + m.metricsPort().map(p -> ", metrics on port " + p).orElse("")));
        for (StatusReport.Schedule sc : s.schedules()) {
            row(sb, "schedule " + sc.type(), sc.cron().map(c -> c + "  next " + sc.nextRun().orElse("?")).orElse("disabled"));
        }
        s.lastDrill().ifPresent(d -> row(sb, "last drill", d.passed() ? DrillsText.line(d) : o.red(DrillsText.line(d))));
        if (s.warnings().isEmpty()) {
            row(sb, "warnings", o.green("none"));
        } else {
            for (StatusReport.Warning w : s.warnings()) {
                sb.append(o.yellow("WARNING")).append(' ').append(w.what()).append('\n');
                sb.append("  fix: ").append(w.fix()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-16s %s%n", key, value));
    }
}
