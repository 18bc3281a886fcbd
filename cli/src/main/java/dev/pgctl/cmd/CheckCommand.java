package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.pgbackrest.OtherCluster;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.PgBackRest.Infos;
import dev.pgctl.status.RepoLines;
import dev.pgctl.pgbackrest.RepoErrors;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.Timelines;
import dev.pgctl.ui.Out;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks, in order: the configuration; the repository as a request reaches it (endpoint, TLS, "
                + "login with these credentials, bucket); that the stanza exists and belongs to this cluster, that no other "
                + "primary archives a newer timeline into it, and a real WAL archive round trip "
                + "(pgbackrest check: a WAL segment is switched, archived to S3 and found there).",
            "",
            "Each failing check names the setting or command that fixes it.",
            "",
            "It also checks settings before a first start, from a one-off container: there pgbackrest.conf is rendered "
                + "from the environment into a private file, removed afterwards, and the cluster's checks are skipped "
                + "(no cluster in this container)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every check passed", "  3  invalid configuration", "  7  a check failed",
            "", "Examples:", "  docker exec <container> pgctl check", "  docker exec <container> pgctl check --json",
            "  docker run --rm --env-file <your env> <image> pgctl check"})
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
            checks.add(Check.ok("configuration", RepoLines.name(c, 1) + ", " + RepoLines.name(c, 2) + ", stanza " + c.stanza()
                    + "; pgbackrest.conf: " + ConfFile.describe(ctx.pgbackrest().configSource(), c.paths().pgbackrestConf())));
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
        } else {
            checks.add(Check.ok("configuration", "s3://" + r.bucket() + r.path() + " at " + r.endpoint()
                    + r.port().map(p -> ":" + p).orElse("") + ", stanza " + c.stanza() + "; pgbackrest.conf: "
                    + ConfFile.describe(ctx.pgbackrest().configSource(), c.paths().pgbackrestConf())));
            checks.addAll(repository(r, info));
        }
        if (!info.reachable()) {
            return new Report(false, checks);
        }
        boolean cluster = Files.exists(c.postgres().pgdata().resolve("PG_VERSION"));
        RepoInfo ri = info.info().get();
        if (ri.stanzaMissing()) {
            if (!cluster) {
                checks.add(Check.skipped("stanza", "the repository has no stanza '" + c.stanza() + "' yet: the first "
                        + "container started with these settings creates it"));
                checks.add(Check.skipped("cluster", NO_CLUSTER));
                checks.add(Check.skipped("archive round trip", NO_CLUSTER));
                return new Report(checks.stream().noneMatch(x -> x.status().equals("failed")), checks);
            }
            checks.add(Check.failed("stanza", "the repository has no stanza '" + c.stanza() + "'",
                    "docker exec <container> pgctl backup full   # creates the stanza, then backs up"));
            return new Report(false, checks);
        }
        checks.add(Check.ok("stanza", ri.backups().size() + " backup(s)"));

        boolean up = ctx.postgres().ready();
        if (!up) {
            String why = cluster ? "PostgreSQL is not running" : NO_CLUSTER;
            checks.add(Check.skipped("cluster", why));
            checks.add(Check.skipped("archive round trip", why));
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

    /** Why the cluster's checks are skipped in a one-off container (docker run --rm ... pgctl check). */
    static final String NO_CLUSTER = "no cluster in this container";

    /**
     * The repository as a request reaches it: endpoint, TLS, login, bucket. pgbackrest info's one answer says how far
     * it got ({@link RepoErrors#stage}): the steps before the one it stopped at passed, the ones after were not
     * reached. An error that names no step is one "repository" line. Pure.
     */
    static List<Check> repository(Config.Repo r, InfoResult info) {
        Optional<RepoErrors.Stage> stopped = info.reachable() ? Optional.empty() : RepoErrors.stage(info.error());
        if (!info.reachable() && stopped.isEmpty()) {
            return List.of(Check.failed("repository", info.error(), RepoErrors.fixFor(info.error())));
        }
        List<Check> lines = new ArrayList<>();
        boolean reached = true;
        for (RepoErrors.Stage s : RepoErrors.Stage.values()) {
            String name = "repository " + (s == RepoErrors.Stage.TLS ? "TLS" : s.name().toLowerCase(Locale.ROOT));
            if (!reached) {
                lines.add(Check.skipped(name, "not reached"));
            } else if (stopped.equals(Optional.of(s))) {
                lines.add(Check.failed(name, RepoErrors.headline(info.error()), RepoErrors.fixFor(info.error())));
                reached = false;
            } else {
                lines.add(Check.ok(name, switch (s) {
                    case ENDPOINT -> r.endpoint() + ":" + r.port().orElse(443) + " answers";
                    case TLS -> r.verifyTls()
                            ? "certificate verified" + r.caFile().map(p -> " with the CA in " + p).orElse("")
                            : "encrypted, certificate NOT verified (PGBACKREST_REPO1_STORAGE_VERIFY_TLS=n)";
                    case LOGIN -> "S3 accepts the key and secret";
                    case BUCKET -> "s3://" + r.bucket() + r.path() + " readable";
                }));
            }
        }
        return lines;
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
