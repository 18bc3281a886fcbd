package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.bootstrap.Plan;
import dev.pgctl.bootstrap.Planner;
import dev.pgctl.config.Config;
import dev.pgctl.config.Config.Role;
import dev.pgctl.problem.Problem;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.fs.Files2;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.RestoreTargets;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.render.Crontab;
import dev.pgctl.render.HbaConf;
import dev.pgctl.ssl.SslManager;
import dev.pgctl.render.PgBackRestConf;
import dev.pgctl.render.PostgresInclude;
import dev.pgctl.root.Handoff;
import dev.pgctl.root.RootPhase;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
    private java.util.Optional<dev.pgctl.pgbackrest.RepoInfo> repoInfo = java.util.Optional.empty();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!fromRoot && new dev.pgctl.exec.Proc().isRoot()) {
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

        DataDir.Found found = DataDir.inspect(c.postgres().pgdata(), "18");
        Planner.Input in = new Planner.Input(found, c.role(), c.restoreOnEmpty(), c.postgres().pgdata().toString(), image);
        out.info("role " + c.role().word() + ", PGDATA " + c.postgres().pgdata() + ": " + describe(found.state()));

        Path pgdata = c.postgres().pgdata();
        boolean adopting = found.state() == DataDir.State.CLUSTER
                && DataDir.madeWithoutPgctl(pgdata, c.paths().postgresInclude());
        boolean pending = adopting || (found.state() == DataDir.State.CLUSTER
                && Files.exists(DataDir.backupsPendingMarker(pgdata)));
        // A replica that is (or is about to become) a standby never archives: backups are taken on the primary.
        boolean standby = c.role() == Role.REPLICA && switch (found.state()) {
            case EMPTY, INTERRUPTED_CLONE -> true;
            case CLUSTER -> DataDir.isStandby(pgdata);
            default -> false;
        };

        // Decide everything before changing anything in the volume: a refusal leaves it as it was.
        writeConfigFiles(c, files, !pending && !standby);
        SslManager ssl = new SslManager(c, ctx.proc(), files, out, handoff);
        var sslDecision = ssl.decide();
        Planner.Repo repo = repoState(in);
        Plan plan = Planner.plan(in, repo);
        if (plan.action() == Plan.Action.REFUSE) {
            throw new PgctlException(plan.exitCode(), plan.reason(), plan.problem().stream().toList());
        }
        if (plan.action() == Plan.Action.RESTORE || plan.action() == Plan.Action.RESUME_RESTORE) {
            var problem = RestoreTargets.check(c.restoreTarget(), repoInfo.orElseThrow(), Instant.now());
            if (problem.isPresent()) {
                throw new PgctlException(ExitCodes.CONFIG, problem.get());
            }
        }
        if (plan.action() == Plan.Action.START_EXISTING && standby) {
            sameClusterAsPrimary(c);
        }
        ssl.apply(sslDecision);
        out.info("plan: " + plan.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + plan.reason() + ")");
        switch (plan.action()) {
            case RESTORE -> restore(c, files, RestoreTargets.options(c.restoreTarget()), c.restoreTarget().describe(), false);
            case RESUME_RESTORE -> {
                // an in-place restore left its options in the marker; a restore on an empty volume used the environment's
                List<String> opts = markerOptions(DataDir.restoreMarker(pgdata))
                        .orElseGet(() -> RestoreTargets.options(c.restoreTarget()));
                restore(c, files, opts, String.join(" ", opts), true);
            }
            case RESTORE_IN_PLACE -> {
                List<String> opts = requestOptions(DataDir.restoreRequest(pgdata));
                out.info("restoring the cluster in place, as pgctl restore requested (" + (opts.isEmpty() ? "latest"
                        : String.join(" ", opts)) + ")");
                restore(c, files, opts, opts.isEmpty() ? "the latest backup and all archived WAL" : String.join(" ", opts), true);
            }
            case START_EXISTING -> {
                if (adopting) {
                    files.write(DataDir.backupsPendingMarker(pgdata),
                            "Created by pgctl when it adopted this cluster. `pgctl enable-backups` removes it.\n", "rw-------");
                }
                ensureIncludeLine(c);
                if (c.role() == Role.REPLICA && !standby) {
                    out.warn("PGCTL_ROLE=replica, but PGDATA holds a primary (no standby.signal: a promoted replica, or "
                            + "a primary's volume): it starts as a primary.\n"
                            + "fix: set PGCTL_ROLE=primary for this container; to make it a replica of "
                            + c.replication().primaryHost().orElse("<primary>") + " instead, start it on an empty volume");
                }
            }
            case INIT_NEW -> out.info("the official entrypoint creates the cluster; its first full backup starts once "
                    + "PostgreSQL accepts connections");
            case CLONE_PRIMARY -> {
                new PrimaryClone(ctx, files).run();
                ensureIncludeLine(c);
            }
            case REFUSE -> throw new IllegalStateException();
        }
        if (standby) {
            out.info("replica of " + c.replication().primaryHost().orElse("?") + ": backups are taken on the primary; "
                    + "this node never runs pgBackRest backups while it is a standby");
        } else if (pending) {
            out.warn("backups pending: this cluster was created without pgctl, and nothing is sent to S3 until you "
                    + "start backups with:\n  " + Fixes.enableBackups());
        }
        Files.deleteIfExists(Services.schedulerExpected(c.paths().runDir()));
        if (!noServices) {
            startServices(c, !pending && !standby && c.repo().isPresent(), !standby && c.replication().managed(),
                    !pending && c.repo().isPresent());
        }
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
                    PostgresInclude.render(c, backupsEnabled, PrimaryClone.applicationName(c)), "rw-------");
            if (c.role() == Role.REPLICA) {
                files.write(c.paths().replicationPassfile(), dev.pgctl.render.Replication.passfile(c), "rw-------");
            }
            files.write(c.paths().crontab(), Crontab.render(c), "rw-------");
            files.write(c.paths().hbaFile(), HbaConf.render(c), "rw-------");
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(
                    e instanceof java.nio.file.AccessDeniedException ? e.getMessage() : "configuration files",
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
        InfoResult r = ctx.pgbackrest().info();
        if (!r.reachable()) {
            return new Planner.Repo.Unreachable(r.error());
        }
        var info = r.info().get();
        repoInfo = java.util.Optional.of(info);
        if (info.hasBackups()) {
            return new Planner.Repo.HasBackups(info.latest().get().label());
        }
        if (info.empty()) {
            return new Planner.Repo.Empty();
        }
        return new Planner.Repo.Unreachable(info.statusMessage());
    }

    /** Options of an in-place restore request: one per line, each a pgBackRest restore option. */
    static List<String> requestOptions(Path request) throws IOException {
        String text;
        try {
            text = Files.readString(request);
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(request.toString(),
                    "cannot be read as pgctl's in-place restore request (" + e.getClass().getSimpleName() + ")",
                    "pgctl writes this file itself (pgctl restore); it is not a regular file of postgres'",
                    "remove it to start the cluster as it is: docker run --rm -u postgres -v <volume>:/var/lib/postgresql "
                            + "<image> rm " + request,
                    "then request the restore again: docker exec -it <container> pgctl restore ..."));
        }
        return dev.pgctl.render.RestoreRequest.requestOptions(request, text);
    }

    /** The options an interrupted restore was started with, when its marker recorded them. */
    static java.util.Optional<List<String>> markerOptions(Path marker) throws IOException {
        return dev.pgctl.render.RestoreRequest.markerOptions(marker, Files.readString(marker));
    }

    private void restore(Config c, Files2 files, List<String> targetOptions, String target, boolean delta) throws IOException {
        Path pgdata = c.postgres().pgdata();
        Path marker = DataDir.restoreMarker(pgdata);
        files.directory(pgdata, "rwx------");
        files.write(marker, dev.pgctl.render.RestoreRequest.marker(Instant.now(), targetOptions), "rw-------");
        List<String> opts = new ArrayList<>(targetOptions);
        if (delta) {
            opts.add("--delta");
        }
        out.info((delta ? "restoring with --delta" : "restoring") + " into " + pgdata + ", recovering to " + target);
        Instant start = Instant.now();
        long expected = repoInfo.flatMap(dev.pgctl.pgbackrest.RepoInfo::latest).map(b -> b.size()).orElse(0L);
        Result r;
        try (RestoreProgress progress = RestoreProgress.start(pgdata, expected, out)) {
            r = ctx.pgbackrest().restore(opts, line -> out.info("pgbackrest: " + line));
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
        out.info("restore finished in " + Duration.between(start, Instant.now()).toSeconds()
                + " s; PostgreSQL now replays the archived WAL to " + target + " and then promotes");
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
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(conf.toString(),
                    "cannot be written by postgres" + (Files.isSymbolicLink(conf) ? " (it is a symbolic link to "
                            + Files.readSymbolicLink(conf) + ")" : ""),
                    "pgctl adds one include line to it, and PostgreSQL reads it as postgres",
                    "make it a regular file of the postgres user in PGDATA"));
        }
    }

    /**
     * @param backups     the after-start job creates the stanza and takes the first full backup
     * @param replication the after-start job creates or updates the replication role
     * @param scheduler   the backup schedule runs (on a standby its jobs log a skip)
     */
    void startServices(Config c, boolean backups, boolean replication, boolean scheduler) throws IOException {
        boolean root = ctx.proc().isRoot();
        if (backups) {
            JobState.of("pending", "waiting for PostgreSQL", "").write(c.paths().runDir());
        }
        if (backups || replication) {
            Services.spawnDetached(root, false,
                    List.of("pgctl", "after-start", "--postmaster-pid", Long.toString(entrypointPid)));
        }
        if (scheduler) {
            // supercronic under a restart loop: a scheduler killed by anything comes back within 10 s
            Services.startScheduler(root, c.paths().crontab(), c.paths().runDir());
        }
        if (backups || replication || scheduler) {
            out.info("started " + String.join(" and ", java.util.stream.Stream.of(
                    scheduler ? "the backup scheduler" : "", backups || replication ? "the after-start job" : "")
                    .filter(x -> !x.isEmpty()).toList()));
        }
    }

    /**
     * A standby's data must be a copy of the primary it follows: PostgreSQL would otherwise retry
     * the stream forever. Compared when the primary answers; when it does not, the standby starts and
     * PostgreSQL reconnects by itself.
     */
    private void sameClusterAsPrimary(Config c) {
        Optional<String> local = ctx.postgres().controlSystemId();
        String conninfo = dev.pgctl.render.Replication.conninfo(c, "pgctl-bootstrap") + " connect_timeout=5 replication=true";
        Result r = ctx.proc().run(dev.pgctl.exec.Proc.Spec.of(Duration.ofSeconds(20), "psql", "-X", "-A", "-t",
                "-d", conninfo, "-c", "IDENTIFY_SYSTEM").asPostgres());
        Optional<String> upstream = r.ok() ? Optional.of(r.stdout().strip().split("\\|")[0]) : Optional.empty();
        if (local.isEmpty() || upstream.isEmpty()) {
            out.info("could not compare this standby with the primary now (" + (r.ok() ? "no local system id"
                    : dev.pgctl.replica.CloneErrors.lastLine(r.stderr())) + "); starting it, PostgreSQL reconnects by itself");
            return;
        }
        if (!local.equals(upstream)) {
            throw new PgctlException(ExitCodes.UNSAFE, Problem.of("PGDATA",
                    c.postgres().pgdata() + " holds a standby of another cluster (system id " + local.get()
                            + ") than the primary " + c.replication().primaryHost().orElse("?") + " (system id " + upstream.get() + ")",
                    "it can never follow that primary; pgctl does not delete it on its own",
                    "if PGCTL_PRIMARY_HOST is wrong, fix it; otherwise, to copy the primary afresh, empty the volume: "
                            + "docker run --rm -v <volume>:/var/lib/postgresql " + image + " sh -c 'rm -rf "
                            + c.postgres().pgdata() + "/*'"));
        }
        out.info("this standby and the primary are the same cluster (system id " + local.get() + ")");
    }
}
