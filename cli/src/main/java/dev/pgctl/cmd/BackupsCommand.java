package dev.pgctl.cmd;

import java.util.ArrayList;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.config.Config;
import dev.pgctl.problem.Problem;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.PgBackRest.Infos;
import dev.pgctl.status.RepoLines;
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
        if (c.repo2().isPresent()) {
            return eachRepository(ctx, c, last == null ? Integer.MAX_VALUE : last);
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

    /**
     * With a second repository (README "Second repository"): each repository's backups, WAL range and retention on
     * its own, from one pgbackrest info. A repository that cannot be read is listed with its error and fix, the
     * others still are, and the exit code is 1.
     */
    private Integer eachRepository(Context ctx, Config c, int last) {
        Infos infos = ctx.pgbackrest().infos();
        List<BackupsReport.OfRepo> repos = new ArrayList<>();
        for (int n : c.repoNumbers()) {
            InfoResult one = infos.byRepo().get(n);
            String type = n == 1 ? "s3" : c.repo2().get().storage().type();
            repos.add(one.info().map(ri -> new BackupsReport.OfRepo(n, RepoLines.location(c, n), Optional.of(report(c, n, ri, last)),
                    Optional.<String>empty(), Optional.<String>empty()))
                    .orElseGet(() -> new BackupsReport.OfRepo(n, RepoLines.location(c, n), Optional.empty(),
                            Optional.of(one.error()), Optional.of(RepoErrors.fixFor(one.error(), n, type)))));
        }
        BackupsReport.Repositories r = new BackupsReport.Repositories(repos);
        json.print(ctx.out(), r, () -> BackupsText.render(r, ctx.out()));
        return repos.stream().allMatch(x -> x.report().isPresent()) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static BackupsReport report(Config c, RepoInfo ri, int last) {
        return report(c, 1, ri, last);
    }

    /** Repository {@code n}'s report: its backups, its retention (repo2 has its own), the schedules. */
    static BackupsReport report(Config c, int n, RepoInfo ri, int last) {
        Config.Repo repo = c.repo().orElseThrow();
        int retentionFull = n == 1 ? repo.retentionFull() : c.repo2().orElseThrow().retentionFull();
        Optional<Integer> retentionDiff = n == 1 ? repo.retentionDiff() : c.repo2().orElseThrow().retentionDiff();
        String location = c.repo2().isEmpty() ? "s3://" + repo.bucket() + repo.path() : RepoLines.location(c, n);
        List<RepoInfo.Backup> all = ri.backups();
        // with a calendar policy (repo1's: PGCTL_RETENTION): what pgctl prune would say of each backup today
        Optional<CalendarPolicy> calendar = n == 1 ? repo.calendar() : Optional.empty();
        Map<String, String> retention = calendar.map(p -> Prune.decide(p, ri).stream()
                .collect(Collectors.toMap(v -> v.backup().label(), BackupsCommand::retention)))
                .orElse(Map.of());
        List<BackupsReport.Entry> shown = all.subList(Math.max(0, all.size() - last), all.size()).stream()
                .map(b -> new BackupsReport.Entry(b.label(), b.type(), b.start().toString(), b.stop().toString(),
                        Duration.between(b.start(), b.stop()).toSeconds(), b.size(), b.repoSize(),
                        Optional.ofNullable(b.annotations().get("pgctl-label")), b.walStart(), b.walStop(),
                        Optional.ofNullable(retention.get(b.label()))))
                .toList();
        Retention.Next next = calendar.isPresent() ? new Retention.Next(List.of(), List.of())
                : Retention.next(all, retentionFull, retentionDiff);
        return new BackupsReport(c.stanza(), location, shown, all.size(), retentionFull, retentionDiff,
                next.afterNextFull(), next.afterNextDiff(), ri.archiveMin(), ri.archiveMax(), Schedules.of(c),
                calendar.map(CalendarPolicy::text));
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
