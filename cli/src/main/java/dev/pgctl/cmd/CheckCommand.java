package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pgbackrest.OtherCluster;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.PgBackRest.Infos;
import dev.pgctl.status.RepoLines;
import dev.pgctl.pgbackrest.RepoErrors;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.Timelines;
import dev.pgctl.ui.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks, in order: the configuration, that the repository can be read with these credentials, "
                + "that the stanza exists and belongs to this cluster, that no other primary archives a newer timeline into it, "
                + "and a real WAL archive round trip "
                + "(pgbackrest check: a WAL segment is switched, archived to S3 and found there).",
            "",
            "Each failing check names the setting or command that fixes it."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every check passed", "  3  invalid configuration", "  7  a check failed",
            "", "Examples:", "  docker exec <container> pgctl check", "  docker exec <container> pgctl check --json"})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    JsonOption json;

    /** One check. status is ok, failed or skipped. */
    public record Check(String name, String status, String detail, String fix) {
        static Check ok(String name, String detail) {
            return new Check(name, "ok", detail, "");
        }

        static Check failed(String name, String detail, String fix) {
            return new Check(name, "failed", detail, fix);
        }

        static Check skipped(String name, String detail) {
            return new Check(name, "skipped", detail, "");
        }
    }

    public record Report(boolean ok, List<Check> checks) {
    }

    private final Contexts contexts;

    public CheckCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        Context ctx = contexts.open("check");
        Report report = run(ctx);
        json.print(ctx.out(), report, () -> render(report, ctx.out()));
        return report.ok() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
    }

    static Report run(Context ctx) {
        Config c = ctx.config();
        List<Check> checks = new ArrayList<>();
        if (c.repo().isEmpty()) {
            checks.add(Check.failed("configuration", "no backup repository is configured",
                    "set PGBACKREST_REPO1_S3_BUCKET, PGBACKREST_REPO1_S3_ENDPOINT, PGBACKREST_REPO1_S3_KEY and "
                            + "PGBACKREST_REPO1_S3_KEY_SECRET (README, Environment)"));
            return new Report(false, checks);
        }
        Config.Repo r = c.repo().get();
        Infos infos = ctx.pgbackrest().infos();
        InfoResult info = infos.all();
        if (c.repo2().isPresent()) {
            // a second repository: each is checked, and named, on its own (README "Second repository")
            checks.add(Check.ok("configuration", RepoLines.name(c, 1) + ", " + RepoLines.name(c, 2) + ", stanza " + c.stanza()));
            for (int n : c.repoNumbers()) {
                InfoResult one = infos.byRepo().get(n);
                String type = n == 1 ? "s3" : c.repo2().get().storage().type();
                boolean noStanza = one.info().map(RepoInfo::stanzaMissing).orElse(false);
                checks.add(noStanza ? Check.failed("repository repo" + n, RepoLines.location(c, n) + " has no stanza '"
                                + c.stanza() + "': WAL cannot be archived there",
                                "docker exec <container> pgctl backup full   # creates the stanza where it is missing, then backs up")
                        : one.reachable() ? Check.ok("repository repo" + n, RepoLines.location(c, n) + " readable")
                        : Check.failed("repository repo" + n, RepoLines.location(c, n) + ": " + one.error(),
                                RepoErrors.fixFor(one.error(), n, type)));
            }
            if (!info.reachable()) {
                return new Report(false, checks);
            }
        } else {
            checks.add(Check.ok("configuration", "s3://" + r.bucket() + r.path() + " at " + r.endpoint()
                    + r.port().map(p -> ":" + p).orElse("") + ", stanza " + c.stanza()));
            if (!info.reachable()) {
                checks.add(Check.failed("repository", info.error(), RepoErrors.fixFor(info.error())));
                return new Report(false, checks);
            }
            checks.add(Check.ok("repository", "readable with these credentials"));
        }
        RepoInfo ri = info.info().get();
        if (ri.stanzaMissing()) {
            checks.add(Check.failed("stanza", "the repository has no stanza '" + c.stanza() + "'",
                    "docker exec <container> pgctl backup full   # creates the stanza, then backs up"));
            return new Report(false, checks);
        }
        checks.add(Check.ok("stanza", ri.backups().size() + " backup(s)"));

        boolean up = ctx.postgres().ready();
        if (!up) {
            checks.add(Check.skipped("cluster", "PostgreSQL is not running"));
            checks.add(Check.skipped("archive round trip", "PostgreSQL is not running"));
            return new Report(checks.stream().noneMatch(x -> x.status().equals("failed")), checks);
        }
        Optional<Long> ours = ctx.postgres().systemId();
        Optional<OtherCluster> other = OtherCluster.of(ri, ours);
        if (other.isPresent()) {
            checks.add(Check.failed("cluster", "the stanza belongs to another cluster (" + other.get().ids() + ")",
                    "give this cluster its own place: another PGBACKREST_REPO1_PATH or PGBACKREST_STANZA; "
                            + "the existing backups are not touched"));
            return new Report(false, checks);
        }
        checks.add(Check.ok("cluster", "system id " + ours.map(String::valueOf).orElse("?") + " matches the stanza"));

        boolean standby = ctx.postgres().inRecovery().orElse(false);
        if (!standby) {
            Optional<Timelines.Fork> fork = ctx.postgres().value("select pg_walfile_name(pg_current_wal_lsn())")
                    .flatMap(seg -> Timelines.forked(seg, ri.archiveMax()));
            checks.add(fork.isPresent()
                    ? Check.failed("timeline", fork.get().what(c.stanza()), Timelines.Fork.fix())
                    : Check.ok("timeline", "no other primary archives into the stanza"));
        }
        if (standby) {
            checks.add(Check.skipped("archive round trip", "standby: archiving is checked on the primary"));
        } else {
            Result chk = ctx.pgbackrest().check(null);
            checks.add(chk.ok()
                    ? Check.ok("archive round trip", "a WAL segment was archived to the repository and found there")
                    : Check.failed("archive round trip", PgBackRest.errorOf(chk), RepoErrors.fixFor(PgBackRest.errorOf(chk))));
        }
        return new Report(checks.stream().noneMatch(x -> x.status().equals("failed")), checks);
    }

    static String render(Report report, Out o) {
        StringBuilder sb = new StringBuilder();
        for (Check c : report.checks()) {
            String mark = switch (c.status()) {
                case "ok" -> o.green("ok     ");
                case "failed" -> o.red("FAILED ");
                default -> o.yellow("skipped");
            };
            sb.append(String.format(Locale.ROOT, "%s %-20s %s%n", mark, c.name(), c.detail()));
            if (!c.fix().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "        %-20s fix: %s%n", "", c.fix()));
            }
        }
        sb.append(report.ok() ? "all checks passed" : "some checks failed").append('\n');
        return sb.toString();
    }
}
