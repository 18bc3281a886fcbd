package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.bootstrap.Plan;
import dev.pgctl.bootstrap.Plan.Background;
import dev.pgctl.bootstrap.Plan.Steps;
import dev.pgctl.bootstrap.Planner;
import dev.pgctl.config.Config;
import dev.pgctl.config.Config.Role;
import dev.pgctl.exec.Proc;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.fs.Files2;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.PgBackRest.Infos;
import dev.pgctl.bootstrap.RepoChoice;
import dev.pgctl.status.RepoLines;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.RestoreTargets;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.render.Crontab;
import dev.pgctl.render.HbaConf;
import dev.pgctl.render.PgBackRestConf;
import dev.pgctl.render.PostgresInclude;
import dev.pgctl.restore.InPlaceRequest;
import dev.pgctl.restore.RestoreProgress;
import dev.pgctl.render.Replication;
import dev.pgctl.replica.ApplicationName;
import dev.pgctl.replica.PrimaryClone;
import dev.pgctl.replica.Sleeper;
import dev.pgctl.replica.StandbyMatch;
import dev.pgctl.root.Handoff;
import dev.pgctl.root.RootPhase;
import dev.pgctl.ssl.SslManager;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {
            "Prepares the container before the official entrypoint starts PostgreSQL. The image's entrypoint runs it; "
                    + "it is safe to run again.",
            "",
            "1. reads and validates the environment: on a problem, prints what is wrong and the fix, and exits 3 "
                    + "without changing anything;",
            "2. writes pgbackrest.conf, the PostgreSQL include file and the backup schedule;",
            "3. decides from PGDATA, the role and the repository: start the existing cluster, restore the latest "
                    + "backup into an empty PGDATA, let the official entrypoint create a new cluster, or refuse (exit 4) "
                    + "when that could hide a database that exists only in the backups;",
            "4. starts the backup scheduler and the after-start job (stanza-create, first full backup) in the "
                    + "background, outside PostgreSQL's process tree."})
public final class BootstrapCommand implements Callable<Integer> {

    @Option(names = "--image", description = "Image name to show in fix commands (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:PGCTL_IMAGE_NAME:-<image>}")
    String image;

    @Option(names = "--no-services", description = "Do not start the scheduler and the after-start job.")
    boolean noServices;

    @Option(names = "--from-root", hidden = true,
            description = "Internal: the postgres phase, started by the root phase with its handoff on stdin.")
    boolean fromRoot;

    @Option(names = "--entrypoint-pid", hidden = true, description = "Internal: the PID the postmaster will have.")
    long entrypointPid;

    private Context ctx;
    private Out out;
    /** What the repository said, when bootstrap asked. */
    private Optional<RepoInfo> repoInfo = Optional.empty();
    /** With two repositories: the one an empty volume restores from (pgBackRest's --repo), as RepoChoice chose. */
    private Optional<Integer> restoreRepo = Optional.empty();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!fromRoot && new Proc().isRoot()) {
            // root does only what needs root, then everything else runs as postgres (README, "Privileges")
            List<String> args = new ArrayList<>(List.of("--image=" + image, "--entrypoint-pid="
                    + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L)));
            if (noServices) {
                args.add("--no-services");
            }
            return RootPhase.run(Out.system("bootstrap"), args);
        }
        if (!fromRoot) {
            entrypointPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        }
        Handoff handoff = fromRoot ? Handoff.read(System.in) : Handoff.none();
        ctx = Context.load("bootstrap", handoff);
        out = ctx.out();
        Config c = ctx.config();
        Files2 files = new Files2();

        Path pgdata = c.postgres().pgdata();
        DataDir.Found found = DataDir.inspect(pgdata, "18");
        out.info("role " + c.role().word() + ", PGDATA " + pgdata + ": " + describe(found.state()));
        Planner.Input in = Planner.Input.of(found, DataDir.marks(found, pgdata, c.paths().postgresInclude()), c,
                !noServices, image);

        // Decide everything before changing anything in the volume: a refusal leaves it as it was.
        writeConfigFiles(c, files, Planner.archiving(in));
        SslManager ssl = new SslManager(c, ctx.proc(), files, out, handoff);
        var sslDecision = ssl.decide();
        Planner.Repo repo = repoState(in);
        Plan plan = Planner.plan(in, repo);
        Steps steps = plan.steps();
        if (plan.action() == Plan.Action.REFUSE) {
            throw new PgctlException(plan.exitCode(), plan.reason(), plan.problem().stream().toList());
        }
        if (steps.checkRestoreTarget()) {
            var problem = RestoreTargets.check(c.restoreTarget(), repoInfo.orElseThrow(), Instant.now());
            if (problem.isPresent()) {
                throw new PgctlException(ExitCodes.CONFIG, problem.get());
            }
        }
        if (steps.compareWithPrimary()) {
            StandbyMatch.check(c, ctx.proc(), ctx.postgres(), out, image);
        }
        ssl.apply(sslDecision);
        String action = plan.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        out.event(Out.Level.INFO, "plan: " + action + " (" + plan.reason() + ")",
                () -> Out.Event.of("bootstrap.plan").with("action", action.replace(' ', '-')).with("reason", plan.reason())
                        .with("role", c.role().word()).with("pgdata_state", describe(found.state())));
        switch (plan.action()) {
            case RESTORE -> restore(c, files, RestoreTargets.options(c.restoreTarget()), c.restoreTarget().describe(), false);
            case RESUME_RESTORE -> {
                // an in-place restore left its options in the marker; a restore on an empty volume used the environment's
                List<String> opts = InPlaceRequest.readMarker(DataDir.restoreMarker(pgdata))
                        .orElseGet(() -> RestoreTargets.options(c.restoreTarget()));
                restore(c, files, opts, String.join(" ", opts), true);
            }
            case RESTORE_IN_PLACE -> {
                List<String> opts = InPlaceRequest.readRequest(DataDir.restoreRequest(pgdata));
                out.info("restoring the cluster in place, as pgctl restore requested (" + (opts.isEmpty() ? "latest"
                        : String.join(" ", opts)) + ")");
                restore(c, files, opts, opts.isEmpty() ? "the latest backup and all archived WAL" : String.join(" ", opts), true);
            }
            case START_EXISTING -> {
                if (steps.markBackupsPending()) {
                    files.write(DataDir.backupsPendingMarker(pgdata),
                            "Created by pgctl when it adopted this cluster. `pgctl enable-backups` removes it.\n", "rw-------");
                }
                ensureIncludeLine(c);
                if (steps.warnNotAStandby()) {
                    out.warn("PGCTL_ROLE=replica, but PGDATA holds a primary (no standby.signal: a promoted replica, or "
                            + "a primary's volume): it starts as a primary.\n"
                            + "fix: set PGCTL_ROLE=primary for this container; to make it a replica of "
                            + c.replication().primaryHost().orElse("<primary>") + " instead, start it on an empty volume");
                }
            }
            case INIT_NEW -> out.info("the official entrypoint creates the cluster; its first full backup starts once "
                    + "PostgreSQL accepts connections");
            case CLONE_PRIMARY -> {
                new PrimaryClone(c, ctx.proc(), out, files, dir -> RestoreProgress.start(dir, 0, out, "copy")::close,
                        InstantSource.system(), Sleeper.REAL).run();
                ensureIncludeLine(c);
            }
            case REFUSE -> throw new IllegalStateException();
        }
        switch (steps.notice()) {
            case STANDBY -> out.info("replica of " + c.replication().primaryHost().orElse("?") + ": backups are taken on "
                    + "the primary; this node never runs pgBackRest backups while it is a standby");
            case BACKUPS_PENDING -> out.warn("backups pending: this cluster was created without pgctl, and nothing is "
                    + "sent to S3 until you start backups with:\n  " + Fixes.enableBackups());
            case NONE -> {
            }
        }
        Files.deleteIfExists(Services.schedulerExpected(c.paths().runDir()));
        Files.deleteIfExists(Services.monitorExpected(c.paths().runDir()));
        startServices(c, steps.background());
        return ExitCodes.OK;
    }

    private static String describe(DataDir.State s) {
        return switch (s) {
            case EMPTY -> "empty";
            case INTERRUPTED_CLONE -> "interrupted copy of the primary";
            case CLUSTER -> "existing cluster";
            case RESTORE_REQUESTED -> "existing cluster, in-place restore requested";
            case INTERRUPTED_RESTORE -> "interrupted restore";
            case INCOMPLETE -> "incomplete cluster";
            case OTHER_VERSION -> "cluster of another PostgreSQL version";
            case NOT_A_CLUSTER -> "not a cluster";
        };
    }

    private void writeConfigFiles(Config c, Files2 files, boolean backupsEnabled) throws IOException {
        try {
            files.directory(c.paths().confDir(), "rwx------");
            files.directory(c.paths().pgbackrestConf().getParent(), "rwx------");
            files.directory(c.paths().spoolPath(), "rwx------");
            files.directory(c.paths().runDir(), "rwxr-xr-x");
            files.write(c.paths().pgbackrestConf(), PgBackRestConf.render(c), "rw-------");
            files.write(c.paths().postgresInclude(),
                    PostgresInclude.render(c, backupsEnabled, ApplicationName.of(c)), "rw-------");
            if (c.role() == Role.REPLICA) {
                files.write(c.paths().replicationPassfile(), Replication.passfile(c), "rw-------");
            }
            files.write(c.paths().crontab(), Crontab.render(c), "rw-------");
            files.write(c.paths().hbaFile(), HbaConf.render(c), "rw-------");
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(
                    e instanceof AccessDeniedException ? e.getMessage() : "configuration files",
                    "cannot write pgctl's configuration (" + e + ")",
                    "the container runs as " + whoAmI() + ", who cannot write there",
                    "run the container as root (the default) or as postgres: docker run --user postgres ..."));
        }
    }

    /** The user name, or the numeric uid when the image has no account for it (docker run --user 1234). */
    static String whoAmI() {
        String name = System.getProperty("user.name", "?");
        if (!name.equals("?") && !name.isBlank()) {
            return "user " + name;
        }
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> "uid " + l.split("\\s+")[1] + " (no account in the image)").findFirst().orElse("an unknown user");
        } catch (IOException e) {
            return "an unknown user";
        }
    }

    private Planner.Repo repoState(Planner.Input in) {
        if (ctx.config().repo().isEmpty()) {
            return new Planner.Repo.NotConfigured();
        }
        if (!Planner.needsRepository(in)) {
            return new Planner.Repo.NotConfigured();
        }
        out.info("asking the repository for backups (s3://" + ctx.config().repo().get().bucket()
                + ctx.config().repo().get().path() + ", stanza " + ctx.config().stanza() + ")");
        if (ctx.config().repo2().isPresent()) {
            return eachRepository(ctx.config());
        }
        InfoResult r = ctx.pgbackrest().info();
        if (!r.reachable()) {
            return new Planner.Repo.Unreachable(r.error());
        }
        var info = r.info().get();
        repoInfo = Optional.of(info);
        if (info.hasBackups()) {
            return new Planner.Repo.HasBackups(info.latest().get().label());
        }
        if (info.empty()) {
            return new Planner.Repo.Empty();
        }
        return new Planner.Repo.Unreachable(info.statusMessage());
    }

    /**
     * Two repositories (README "Second repository"): what each says, and the one to restore from (RepoChoice decides;
     * what it says about its choice is logged).
     */
    private Planner.Repo eachRepository(Config c) {
        Infos infos = ctx.pgbackrest().infos();
        Map<Integer, RepoChoice.Seen> seen = new TreeMap<>();
        for (int n : c.repoNumbers()) {
            InfoResult one = infos.byRepo().get(n);
            seen.put(n, one.info().map(ri -> ri.latest().<RepoChoice.Seen>map(b -> new RepoChoice.Seen.Backups(b.label(), b.stop()))
                    .orElseGet(() -> ri.empty() ? new RepoChoice.Seen.Nothing()
                            : new RepoChoice.Seen.CannotRead(ri.statusMessage())))
                    .orElseGet(() -> new RepoChoice.Seen.CannotRead(one.error())));
        }
        if (!c.restoreTarget().isLatest()) {
            // the target is checked against each repository: one whose backups cannot reach it is left out
            Set<Integer> reach = new TreeSet<>();
            for (int n : c.repoNumbers()) {
                infos.byRepo().get(n).info().ifPresent(ri -> {
                    var problem = RestoreTargets.check(c.restoreTarget(), ri, Instant.now());
                    if (problem.isEmpty()) {
                        reach.add(n);
                    } else if (ri.hasBackups()) {
                        out.info("repo" + n + " cannot reach the restore target: " + problem.get().what());
                    }
                });
            }
            seen = RepoChoice.reaching(seen, reach);
        }
        RepoChoice.Choice choice = RepoChoice.choose(seen, c.repo2().get().restoreFrom(), n -> RepoLines.name(c, n));
        restoreRepo = choice.from();
        choice.from().flatMap(n -> infos.byRepo().get(n).info()).ifPresent(ri -> repoInfo = Optional.of(ri));
        choice.note().ifPresent(out::info);
        return choice.repo();
    }

    private void restore(Config c, Files2 files, List<String> targetOptions, String target, boolean delta) throws IOException {
        Path pgdata = c.postgres().pgdata();
        Path marker = DataDir.restoreMarker(pgdata);
        files.directory(pgdata, "rwx------");
        files.write(marker, InPlaceRequest.marker(Instant.now(), targetOptions), "rw-------");
        List<String> opts = new ArrayList<>(targetOptions);
        if (delta) {
            opts.add("--delta");
        }
        restoreRepo.ifPresent(n -> opts.add("--repo=" + n));
        out.info((delta ? "restoring with --delta" : "restoring") + " into " + pgdata + ", recovering to " + target);
        Instant start = Instant.now();
        long expected = repoInfo.flatMap(RepoInfo::latest).map(b -> b.size()).orElse(0L);
        Result r;
        try (RestoreProgress progress = RestoreProgress.start(pgdata, expected, out)) {
            r = ctx.pgbackrest().restore(opts, line -> out.relay("pgbackrest", line));
        }
        if (!r.ok()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("restore",
                    "pgbackrest restore failed (exit " + r.exitCode() + "): " + PgBackRest.errorOf(r),
                    "PGDATA is incomplete and will not be started; the next start of the container retries the restore",
                    "fix the cause above, then start the container again"));
        }
        Files.deleteIfExists(DataDir.restoreRequest(pgdata));
        ensureIncludeLine(c);
        Files.delete(marker);
        Duration took = Duration.between(start, Instant.now());
        Optional<String> set = PgBackRest.restoredSet(r.stdout() + "\n" + r.stderr());
        out.event(Out.Level.INFO, "restore finished in " + took.toSeconds()
                + " s; PostgreSQL now replays the archived WAL to " + target + " and then promotes",
                () -> Out.Event.of("restore.done").label(set).duration(took)
                        .bytes(set.flatMap(l -> repoInfo.flatMap(i -> i.backup(l))).map(RepoInfo.Backup::size))
                        .with("target", target).with("delta", delta));
    }

    /** Appends the include of pgctl's settings to postgresql.conf when it is not there yet. */
    private void ensureIncludeLine(Config c) throws IOException {
        Path conf = c.postgres().pgdata().resolve("postgresql.conf");
        if (!Files.isRegularFile(conf)) {
            return;
        }
        String text = Files.readString(conf);
        String include = c.paths().postgresInclude().toString();
        if (text.contains(include)) {
            return;
        }
        out.info("adding the include of " + include + " to " + conf);
        try {
            Files.writeString(conf, (text.endsWith("\n") ? "" : "\n") + "\n" + PostgresInclude.includeLine(c) + "\n",
                    StandardOpenOption.APPEND);
        } catch (AccessDeniedException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(conf.toString(),
                    "cannot be written by postgres" + (Files.isSymbolicLink(conf) ? " (it is a symbolic link to "
                            + Files.readSymbolicLink(conf) + ")" : ""),
                    "pgctl adds one include line to it, and PostgreSQL reads it as postgres",
                    "make it a regular file of the postgres user in PGDATA"));
        }
    }

    /** Starts what the plan says in the background, outside PostgreSQL's process tree. */
    void startServices(Config c, Background background) throws IOException {
        boolean root = ctx.proc().isRoot();
        if (background.firstBackup()) {
            JobState.of("pending", "waiting for PostgreSQL", "").write(c.paths().runDir());
        }
        if (background.afterStart()) {
            Services.spawnDetached(root, false,
                    List.of("pgctl", "after-start", "--postmaster-pid", Long.toString(entrypointPid)));
        }
        if (background.scheduler()) {
            // supercronic under a restart loop: a scheduler killed by anything comes back within 10 s
            Services.startScheduler(root, c.paths().crontab(), c.paths().runDir(), out);
        }
        if (background.monitor()) {
            Services.startMonitor(root, c.paths().runDir());
            out.info("started pgctl monitor (" + c.monitoring().metricsPort().map(p -> "metrics on port " + p)
                    .orElse("no metrics: PGCTL_METRICS_PORT=off")
                    + (c.notifications().enabled() ? "; alert evaluations every minute" : "") + ")");
        }
        if (background.afterStart() || background.scheduler()) {
            out.info("started " + String.join(" and ", Stream.of(
                    background.scheduler() ? "the backup scheduler" : "", background.afterStart() ? "the after-start job" : "")
                    .filter(x -> !x.isEmpty()).toList()));
        }
    }
}
