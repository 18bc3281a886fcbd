package dev.pgctl.cmd;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.pgctl.json.Json;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.Timelines;
import dev.pgctl.render.Crontab;
import dev.pgctl.status.StatusReport;
import dev.pgctl.status.StatusText;
import dev.pgctl.ssl.CertInfo;
import dev.pgctl.ssl.SslManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows at a glance whether this database is protected: PostgreSQL, WAL archiving, "
                + "the repository and its latest backups, the first-backup job, the schedule, and warnings with "
                + "the command that fixes each."},
        footer = {"", "Examples:", "  docker exec <container> pgctl status", "  docker exec <container> pgctl status --json | jq .warnings"})
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the report as JSON (stable field names).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Context ctx = Context.load("status");
        StatusReport report = collect(ctx);
        if (json) {
            ctx.out().stdout().println(Json.pretty(report));
        } else {
            ctx.out().stdout().print(StatusText.render(report, ctx.out()));
        }
        return ExitCodes.OK;
    }

    static StatusReport collect(Context ctx) {
        Config c = ctx.config();
        List<StatusReport.Warning> warnings = new ArrayList<>();
        // every probe runs on its own thread, side by side: the repository answers over the network and each
        // question to PostgreSQL is a psql of about 30 ms (measured by bench/run: README, Performance).
        // A probe of a server that is down fails at once and yields nothing.
        CompletableFuture<InfoResult> repoInfo = c.repo().isPresent() ? async(() -> ctx.pgbackrest().info()) : null;
        CompletableFuture<Boolean> schedulerF = async(Services::schedulerRunning);
        CompletableFuture<Optional<Boolean>> recoveryF = async(() -> ctx.postgres().inRecovery());
        CompletableFuture<Optional<StatusReport.Ssl>> sslF = async(() -> ssl(ctx));
        CompletableFuture<Optional<StatusReport.Archiving>> archivingF = async(() -> archiving(ctx));
        CompletableFuture<Optional<String>> walFileF = async(() -> ctx.postgres()
                .value("select case when pg_is_in_recovery() then '' else pg_walfile_name(pg_current_wal_lsn()) end")
                .filter(seg -> !seg.isEmpty()));
        boolean up = ctx.postgres().ready();
        Optional<Boolean> standby = up ? recoveryF.join() : Optional.empty();
        if (!up) {
            warnings.add(new StatusReport.Warning("PostgreSQL does not accept connections on "
                    + c.postgres().socketDir(), "docker logs <container>"));
        }
        boolean standbyNow = standby.orElse(c.role() == Config.Role.REPLICA
                && dev.pgctl.bootstrap.DataDir.isStandby(c.postgres().pgdata()));
        Optional<dev.pgctl.status.ReplicationReport> replication = standby
                .flatMap(recovery -> dev.pgctl.pg.ReplicationQueries.read(ctx.postgres(), recovery));
        replication.flatMap(dev.pgctl.status.ReplicationReport::upstream).filter(u -> !u.state().equals("streaming"))
                .ifPresent(u -> warnings.add(new StatusReport.Warning("this standby is not streaming from "
                        + c.replication().primaryHost().orElse("its primary") + " (" + u.state() + ")",
                        "docker logs <container>; docker exec <container> pgctl replica status")));
        Optional<StatusReport.Ssl> ssl = sslF.join().map(t -> up ? t : t.withOn(Optional.empty()));
        ssl.ifPresent(t -> {
            if (t.on().equals(Optional.of(false))) {
                warnings.add(new StatusReport.Warning("SSL is off: clients cannot connect over TCP",
                        "docker restart <container>   # pgctl turns SSL on at start"));
            }
            if (t.daysLeft() < 30) {
                warnings.add(new StatusReport.Warning("the server certificate expires in " + t.daysLeft() + " days",
                        t.source().equals("generated") ? "docker exec <container> pgctl ssl rotate"
                                : "put a renewed server.crt and server.key in " + c.ssl().dir()
                                        + ", then: docker exec <container> pgctl ssl rotate"));
            }
        });
        Optional<StatusReport.Archiving> archiving = up ? archivingF.join() : Optional.empty();
        archiving.ifPresent(a -> {
            if (a.failedCount() > 0 && a.lastFailedTime().isPresent()
                    && a.lastFailedTime().get().compareTo(a.lastArchivedTime().orElse("")) > 0) {
                warnings.add(new StatusReport.Warning("WAL archiving is failing (last failure " + a.lastFailedTime().get()
                        + "); WAL is kept in pg_wal until it succeeds", "docker exec <container> pgctl check"));
            }
        });

        StatusReport.Repository repo;
        if (c.repo().isEmpty()) {
            repo = new StatusReport.Repository(false, false, Optional.empty(), c.stanza(), Optional.empty(), List.of(), 0);
            warnings.add(new StatusReport.Warning("no backup repository is configured",
                    "set PGBACKREST_REPO1_S3_BUCKET, PGBACKREST_REPO1_S3_ENDPOINT, PGBACKREST_REPO1_S3_KEY and "
                            + "PGBACKREST_REPO1_S3_KEY_SECRET, then restart the container"));
        } else {
            Config.Repo r = c.repo().get();
            String location = "s3://" + r.bucket() + r.path() + " at " + r.endpoint() + r.port().map(p -> ":" + p).orElse("");
            InfoResult info = repoInfo.join();
            if (!info.reachable()) {
                repo = new StatusReport.Repository(true, false, Optional.of(info.error()), c.stanza(), Optional.of(location),
                        List.of(), 0);
                warnings.add(new StatusReport.Warning("the repository cannot be read: " + info.error(),
                        "docker exec <container> pgctl check"));
            } else {
                RepoInfo ri = info.info().get();
                List<StatusReport.Backup> latest = new ArrayList<>();
                Instant now = Instant.now();
                for (String type : List.of("full", "diff", "incr")) {
                    ri.latest(type).ifPresent(b -> latest.add(new StatusReport.Backup(type, b.label(),
                            b.stop().toString(), ChronoUnit.SECONDS.between(b.stop(), now), b.size(), b.repoSize())));
                }
                repo = new StatusReport.Repository(true, true, Optional.empty(), c.stanza(), Optional.of(location), latest,
                        ri.backups().size());
                if (up && standby.equals(Optional.of(false))) {
                    walFileF.join()
                            .flatMap(seg -> Timelines.forked(seg, ri.archiveMax()))
                            .ifPresent(f -> warnings.add(new StatusReport.Warning(f.what(c.stanza()), Timelines.Fork.fix())));
                }
                if (!ri.hasBackups() && !standbyNow
                        && !Files.exists(dev.pgctl.bootstrap.DataDir.backupsPendingMarker(c.postgres().pgdata()))) {
                    warnings.add(new StatusReport.Warning("the repository holds no backup of this cluster yet",
                            "docker exec <container> pgctl backup full"));
                }
            }
        }
        boolean scheduler = schedulerF.join();
        boolean pending = Files.exists(dev.pgctl.bootstrap.DataDir.backupsPendingMarker(c.postgres().pgdata()));
        if (pending && !standbyNow) {
            warnings.add(new StatusReport.Warning("backups pending: nothing is sent to S3 until you enable them "
                    + "(this cluster was created without pgctl, or is a promoted replica)", Fixes.enableBackups()));
        } else if (!scheduler && c.repo().isPresent() && !standbyNow && !pending) {
            warnings.add(new StatusReport.Warning("the backup scheduler is not running: no scheduled backup will start",
                    "docker restart <container>"));
        }
        Optional<StatusReport.Job> job = JobState.read(c.paths().runDir())
                .map(j -> new StatusReport.Job(j.state(), j.step(), j.message(), j.updated()));
        job.filter(j -> j.state().equals("failed")).ifPresent(j -> warnings.add(new StatusReport.Warning(
                "the first backup job failed at " + j.step() + ": " + j.message(),
                "docker exec <container> pgctl check; then docker exec <container> pgctl backup full")));
        List<StatusReport.Space> space = space(c);
        warnings.addAll(dev.pgctl.status.SpaceWarnings.of(space));
        return new StatusReport(c.role().word(), new StatusReport.Postgres(up, standby, c.postgres().pgdata().toString()),
                ssl, archiving, repo, job, scheduler, schedules(c), warnings, replication, space);
    }

    /** Runs a probe on its own daemon thread (pgctl status waits for each one it uses). */
    private static <T> CompletableFuture<T> async(java.util.function.Supplier<T> probe) {
        return CompletableFuture.supplyAsync(probe, r -> Thread.ofPlatform().daemon().start(r));
    }

    static List<StatusReport.Space> space(Config c) {
        List<StatusReport.Space> out = new ArrayList<>();
        record P(String what, Path path) {
        }
        for (P p : List.of(new P("pgdata", c.postgres().pgdata()), new P("spool", c.paths().spoolPath()))) {
            try {
                var store = Files.getFileStore(p.path());
                out.add(new StatusReport.Space(p.what(), p.path().toString(), store.getUsableSpace(), store.getTotalSpace()));
            } catch (IOException e) {
                // not there (yet): nothing to show
            }
        }
        return out;
    }

    private static Optional<StatusReport.Ssl> ssl(Context ctx) {
        Path crt = ctx.config().ssl().dir().resolve("server.crt");
        try {
            CertInfo cert = CertInfo.read(crt);
            Optional<Boolean> on = ctx.postgres().value("show ssl").map("on"::equals);
            String source = Files.exists(ctx.config().ssl().dir().resolve(SslManager.MARKER)) ? "generated" : "provided";
            return Optional.of(new StatusReport.Ssl(on, crt.toString(), source, cert.notAfter().toString(),
                    Duration.between(Instant.now(), cert.notAfter()).toDays()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<StatusReport.Archiving> archiving(Context ctx) {
        Result r = ctx.postgres().query("select archived_count, coalesce(last_archived_wal,''), "
                + "coalesce(to_char(last_archived_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),''), "
                + "failed_count, coalesce(last_failed_wal,''), "
                + "coalesce(to_char(last_failed_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),'') "
                + "from pg_stat_archiver");
        if (!r.ok()) {
            return Optional.empty();
        }
        String[] f = r.stdout().strip().split("\\|", -1);
        if (f.length < 6) {
            return Optional.empty();
        }
        return Optional.of(new StatusReport.Archiving(Long.parseLong(f[0]), opt(f[1]), opt(f[2]),
                Long.parseLong(f[3]), opt(f[4]), opt(f[5])));
    }

    private static Optional<String> opt(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    static List<StatusReport.Schedule> schedules(Config c) {
        return schedules(c, Instant.now());
    }

    /** The next run of each schedule after now, read in the crontab's zone (UTC), as an ISO instant. */
    static List<StatusReport.Schedule> schedules(Config c, Instant now) {
        List<StatusReport.Schedule> out = new ArrayList<>();
        record S(String type, Optional<String> cron) {
        }
        for (S s : List.of(new S("full", c.schedules().full()), new S("diff", c.schedules().diff()),
                new S("incr", c.schedules().incr()))) {
            out.add(new StatusReport.Schedule(s.type(), s.cron(),
                    s.cron().flatMap(expr -> nextRun(expr, now)).map(Instant::toString)));
        }
        return out;
    }

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** When supercronic runs this schedule next: the crontab sets CRON_TZ to {@link Crontab#ZONE}. */
    static Optional<Instant> nextRun(String expr, Instant now) {
        return ExecutionTime.forCron(CRON.parse(expr)).nextExecution(now.atZone(Crontab.ZONE))
                .map(t -> t.truncatedTo(ChronoUnit.SECONDS).toInstant());
    }
}
