package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.config.Config;
import dev.pgctl.problem.Problem;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoErrors;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.Retention;
import dev.pgctl.retention.CalendarPolicy;
import dev.pgctl.retention.CalendarRetention;
import dev.pgctl.status.BackupsReport;
import dev.pgctl.status.BackupsText;
import dev.pgctl.status.Schedules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backups", mixinStandardHelpOptions = true,
        description = {"Lists the backups in the repository (oldest first), the WAL archive range, the retention in "
                + "force and what the next full (and differential) backup will expire, and the schedule with the next "
                + "run of each backup type."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  listed", "  1  the repository cannot be read (the fix is shown)", "  3  no repository configured",
            "", "Examples:", "  docker exec <container> pgctl backups --last 5",
            "  docker exec <container> pgctl backups --json | jq '.backups[-1].label'"})
public final class BackupsCommand implements Callable<Integer> {
    @Option(names = "--last", paramLabel = "N", description = "Only the newest N backups.")
    Integer last;

    @Mixin
    JsonOption json;

    private final Contexts contexts;

    public BackupsCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        Context ctx = contexts.open("backups");
        Config c = ctx.config();
        if (c.repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("the backups are listed from the repository"));
        }
        if (last != null && last < 1) {
            throw new PgctlException(ExitCodes.USAGE, "--last must be at least 1");
        }
        InfoResult info = ctx.pgbackrest().info();
        if (!info.reachable()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "cannot be read: " + info.error(),
                    "the list comes from the repository", RepoErrors.fixFor(info.error())));
        }
        BackupsReport r = report(c, info.info().get(), last == null ? Integer.MAX_VALUE : last);
        json.print(ctx.out(), r, () -> BackupsText.render(r, ctx.out()));
        return ExitCodes.OK;
    }

    static BackupsReport report(Config c, RepoInfo ri, int last) {
        Config.Repo repo = c.repo().orElseThrow();
        List<RepoInfo.Backup> all = ri.backups();
        // with a calendar policy: what pgctl prune would say of each backup today
        Map<String, String> retention = repo.calendar().map(p -> Prune.decide(p, ri).stream()
                .collect(Collectors.toMap(v -> v.backup().label(), BackupsCommand::retention)))
                .orElse(Map.of());
        List<BackupsReport.Entry> shown = all.subList(Math.max(0, all.size() - last), all.size()).stream()
                .map(b -> new BackupsReport.Entry(b.label(), b.type(), b.start().toString(), b.stop().toString(),
                        Duration.between(b.start(), b.stop()).toSeconds(), b.size(), b.repoSize(),
                        Optional.ofNullable(b.annotations().get("pgctl-label")), b.walStart(), b.walStop(),
                        Optional.ofNullable(retention.get(b.label()))))
                .toList();
        Retention.Next next = repo.calendar().isPresent() ? new Retention.Next(List.of(), List.of())
                : Retention.next(all, repo.retentionFull(), repo.retentionDiff());
        return new BackupsReport(c.stanza(), "s3://" + repo.bucket() + repo.path(), shown, all.size(), repo.retentionFull(),
                repo.retentionDiff(), next.afterNextFull(), next.afterNextDiff(), ri.archiveMin(), ri.archiveMax(),
                Schedules.of(c), repo.calendar().map(CalendarPolicy::text));
    }

    /** One backup's line under the calendar policy: the rules that keep it and until when, or why it goes. */
    static String retention(CalendarRetention.Verdict v) {
        if (!v.keep()) {
            return "expires at the next prune: " + String.join("; ", v.reasons());
        }
        return "kept: " + String.join("; ", v.reasons()) + v.until().map(d -> " (the prune on " + d
                + " or later expires it)").orElse("");
    }
}
