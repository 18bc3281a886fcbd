package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.drill.DrillPeriod;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.DrillResults;
import dev.pgctl.render.Crontab;
import dev.pgctl.pg.Questions;
import dev.pgctl.pg.ReadyWal;
import dev.pgctl.pg.ReplicationQueries;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.ssl.CertInfo;
import dev.pgctl.ssl.SslManager;
import dev.pgctl.status.FirstRun;
import dev.pgctl.status.RepoLines;
import dev.pgctl.status.Schedules;
import dev.pgctl.status.StatusReport;
import dev.pgctl.status.StatusText;
import dev.pgctl.status.Warnings;
import dev.pgctl.wal.WalForecast;
import dev.pgctl.wal.WalGap;
import dev.pgctl.wal.WalGapStore;
import dev.pgctl.wal.WalSamples;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows at a glance whether this database is protected: PostgreSQL, WAL archiving, "
                + "the repository and its latest backups, the first-backup job, the schedule, the last restore drill, "
                + "and warnings with the command that fixes each."},
        footer = {"", "Examples:", "  docker exec <container> pgctl status", "  docker exec <container> pgctl status --json | jq .warnings"})
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    JsonOption json;

    private final Contexts contexts;

    public StatusCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        Context ctx = contexts.open("status");
        StatusReport report = collect(ctx, () -> ctx.pgbackrest().info());
        json.print(ctx.out(), report, () -> StatusText.render(report, ctx.out()));
        return ExitCodes.OK;
    }

    /**
     * Gathers the facts, probes side by side; the warnings are a pure function of them ({@link Warnings#of}).
     *
     * @param repository what the repository says (pgbackrest info; pgctl monitor gives the answer it remembers)
     */
    static StatusReport collect(Context ctx, Supplier<InfoResult> repository) {
        return gather(ctx, repository).report();
    }

    /** What status gathers: the report it shows, and the facts its warnings come from (alerts judge the same). */
    record Gathered(StatusReport report, Warnings.Facts facts) {
    }

    static Gathered gather(Context ctx) {
        return gather(ctx, ctx.pgbackrest()::info);
    }

    static Gathered gather(Context ctx, Supplier<InfoResult> repository) {
        Config c = ctx.config();
        Path pgdata = c.postgres().pgdata();
        // every probe runs on its own thread, side by side: the repository answers over the network and each
        // question to PostgreSQL is a psql of about 30 ms (measured by bench/run: README, Performance).
        // A probe of a server that is down fails at once and yields nothing.
        CompletableFuture<InfoResult> repoInfo = c.repo().isPresent() ? async(repository) : null;
        CompletableFuture<Boolean> schedulerF = async(Services::schedulerRunning);
        CompletableFuture<Boolean> afterStartF = async(Services::afterStartRunning);
        CompletableFuture<Boolean> monitorF = async(Services::monitorRunning);
        Path runDir = c.paths().runDir();
        // the local files too (JSON records, cron arithmetic: class loading and parsing in a JVM without JIT
        // warm-up), so that they overlap the repository's answer instead of following it
        CompletableFuture<Optional<JobState>> jobF = async(() -> JobState.read(runDir));
        CompletableFuture<List<DrillRecord>> drillsF = async(() -> new DrillResults(c.drill().results()).all());
        CompletableFuture<Duration> drillPeriodF = async(() -> c.drill().schedule()
                .map(expr -> DrillPeriod.of(expr, Instant.now(), Crontab.ZONE)).orElse(Duration.ZERO));
        CompletableFuture<Optional<StatusReport.WalBacklog>> walBacklogF = async(() -> walBacklog(pgdata, runDir, Instant.now()));
        CompletableFuture<Optional<WalGap>> walGapF = async(() -> WalGapStore.read(runDir));
        CompletableFuture<List<StatusReport.Schedule>> schedulesF = async(() -> schedules(c, Instant.now()));
        CompletableFuture<List<StatusReport.Space>> spaceF = async(() -> space(c));
        // every question to PostgreSQL in one psql session (Questions): one process and one connection
        CompletableFuture<Questions.Answers> askedF = async(() -> ctx.postgres().ask(QUESTIONS));
        CompletableFuture<Optional<StatusReport.Ssl>> sslF = async(() -> ssl(ctx));
        // a server that answered is up; only when it did not, pg_isready tells a server that is down from one
        // that refused the questions
        Questions.Answers asked = askedF.join();
        boolean up = asked.get("recovery").isPresent() || ctx.postgres().ready();
        Optional<Boolean> standby = asked.value("recovery").map("t"::equals);
        boolean standbyNow = standby.orElse(c.role() == Config.Role.REPLICA && DataDir.isStandby(pgdata));
        Optional<ReplicationReport> replication = standby.flatMap(recovery -> ReplicationQueries.of(recovery, asked));
        Optional<StatusReport.Ssl> ssl = sslF.join().map(t -> t.withOn(asked.value("ssl").map("on"::equals)));
        Optional<StatusReport.Archiving> archiving = asked.get("archiver").flatMap(StatusCommand::archiving);
        Optional<String> walFileNow = asked.value("walfile").filter(seg -> !seg.isEmpty());

        StatusReport.Repository repo;
        Optional<String> archiveMax = Optional.empty();
        Optional<String> walFile = Optional.empty();
        if (c.repo().isEmpty()) {
            repo = new StatusReport.Repository(false, false, Optional.empty(), c.stanza(), Optional.empty(), List.of(), 0);
        } else {
            String location = RepoLines.location(c, 1);
            InfoResult info = repoInfo.join();
            // with a second repository, the answer carries each repository's own (one pgbackrest info read both)
            List<StatusReport.RepoLine> lines = c.repo2().isPresent() && !info.repos().isEmpty()
                    ? RepoLines.of(c, info.infos(), Instant.now()) : List.of();
            // with a second repository the whole is readable only when each repository is: one that is down is named
            Optional<String> down = RepoLines.unreachable(c, lines);
            if (!info.reachable() || down.isPresent()) {
                repo = new StatusReport.Repository(true, false, Optional.of(down.orElse(info.error())), c.stanza(),
                        Optional.of(location), List.of(), 0, lines);
                // the readable repository still tells the newest WAL archived (the timeline check needs it)
                archiveMax = info.info().flatMap(RepoInfo::archiveMax);
            } else {
                RepoInfo ri = info.info().get();
                repo = new StatusReport.Repository(true, true, Optional.empty(), c.stanza(), Optional.of(location),
                        RepoLines.latest(ri, Instant.now()), ri.backups().size(), lines);
                archiveMax = ri.archiveMax();
                if (up && standby.equals(Optional.of(false))) {
                    walFile = walFileNow;
                }
            }
        }
        boolean scheduler = schedulerF.join();
        boolean pending = Files.exists(DataDir.backupsPendingMarker(pgdata));
        Optional<StatusReport.Job> job = FirstRun.shown(jobF.join()
                .map(j -> new StatusReport.Job(j.state(), j.step(), j.message(), j.updated())), afterStartF.join(), up, standby);
        List<StatusReport.Space> space = spaceF.join();
        List<DrillRecord> drills = drillsF.join();
        Instant now = Instant.now();
        Warnings.Drills drillFacts = Warnings.Drills.of(c.drill().schedule(), drillPeriodF.join(), drills, now);
        boolean monitorExpected = Files.exists(Services.monitorExpected(c.paths().runDir()));
        boolean monitorRunning = monitorF.join();
        Optional<StatusReport.WalBacklog> walBacklog = walBacklogF.join();
        Optional<WalGap> walGap = walGapF.join();
        Warnings.Facts facts = new Warnings.Facts(up, c.postgres().socketDir().toString(),
                standby, standbyNow, c.replication().primaryHost(), replication, ssl, c.ssl().dir().toString(), archiving,
                repo, walFile, archiveMax, pending, scheduler, job, space, Fixes.enableBackups(), drillFacts,
                monitorExpected, monitorRunning, walBacklog, walGap);
        List<StatusReport.Warning> warnings = Warnings.of(facts);
        Optional<StatusReport.Monitor> monitor = monitorExpected || monitorRunning
                ? Optional.of(new StatusReport.Monitor(monitorRunning, c.monitoring().metricsPort()))
                : Optional.empty();
        return new Gathered(new StatusReport(c.role().word(), new StatusReport.Postgres(up, standby, pgdata.toString()),
                ssl, archiving, repo, job, scheduler, schedulesF.join(), warnings, replication, space,
                drills.isEmpty() ? Optional.empty() : Optional.of(drills.get(drills.size() - 1)), monitor, walBacklog,
                walGap),
                facts);
    }

    /** The WAL waiting in pg_wal now, with the forecast from the samples pgctl monitor keeps ({@link WalSamples}). */
    static Optional<StatusReport.WalBacklog> walBacklog(Path pgdata, Path runDir, Instant now) {
        Optional<ReadyWal> ready = ReadyWal.read(pgdata);
        Optional<WalForecast.Sample> sample = ready.flatMap(r -> WalSamples.take(pgdata, r, now));
        if (ready.isEmpty() || sample.isEmpty()) {
            return Optional.empty();
        }
        WalForecast.Forecast f = WalForecast.of(WalSamples.read(runDir), sample.get());
        return Optional.of(new StatusReport.WalBacklog(ready.get().segments(), f.bytesWaiting(),
                ready.get().oldest().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()),
                pgdata.resolve("pg_wal").toString(), f.freeBytes(), f.rate(), f.secondsToFull()));
    }

    private static List<StatusReport.Schedule> schedules(Config c, Instant now) {
        List<StatusReport.Schedule> all = new ArrayList<>(Schedules.of(c, now));
        all.add(Schedules.drill(c, now));
        return all;
    }

    /** Runs a probe on its own daemon thread (pgctl status waits for each one it uses). */
    private static <T> CompletableFuture<T> async(Supplier<T> probe) {
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
            String source = Files.exists(ctx.config().ssl().dir().resolve(SslManager.MARKER)) ? "generated" : "provided";
            return Optional.of(new StatusReport.Ssl(Optional.empty(), crt.toString(), source, cert.notAfter().toString(),
                    Duration.between(Instant.now(), cert.notAfter()).toDays()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The archiver's counters and last WAL files. */
    static final String ARCHIVER = "select archived_count, coalesce(last_archived_wal,''), "
            + "coalesce(to_char(last_archived_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),''), "
            + "failed_count, coalesce(last_failed_wal,''), "
            + "coalesce(to_char(last_failed_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),'') "
            + "from pg_stat_archiver";

    /** What status asks PostgreSQL, in one session; the replication questions answer for the server's role. */
    static final List<Questions.Question> QUESTIONS = Stream.concat(Stream.of(
            new Questions.Question("recovery", "select pg_is_in_recovery()"),
            new Questions.Question("ssl", "show ssl"),
            new Questions.Question("archiver", ARCHIVER),
            new Questions.Question("walfile",
                    "select case when pg_is_in_recovery() then '' else pg_walfile_name(pg_current_wal_lsn()) end")),
            ReplicationQueries.QUESTIONS.stream()).toList();

    static Optional<StatusReport.Archiving> archiving(String rows) {
        String[] f = rows.strip().split("\\|", -1);
        if (f.length < 6) {
            return Optional.empty();
        }
        return Optional.of(new StatusReport.Archiving(Long.parseLong(f[0]), opt(f[1]), opt(f[2]),
                Long.parseLong(f[3]), opt(f[4]), opt(f[5])));
    }

    private static Optional<String> opt(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
