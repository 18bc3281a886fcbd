package dev.pgctl.cmd;

import dev.pgctl.json.Json;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.config.Config;
import dev.pgctl.config.Config.RestoreTarget;
import dev.pgctl.problem.Problem;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.RestoreTargets;
import dev.pgctl.ui.Confirm;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {
            "Restore drill: restores a backup into a scratch directory, starts a throwaway PostgreSQL on a socket in "
                    + "that directory with archiving and SSL off, lets it recover and promote, verifies it (a query, "
                    + "the time it recovered to, data checksums of every page when the cluster has them), prints what "
                    + "it found and how long it took, then stops it and removes everything it created.",
            "",
            "It never touches the running cluster, its PGDATA or what the repository holds. Safe to run from cron.",
            "",
            "Without --to: restores the container's own cluster IN PLACE. pgctl checks the target against the "
                    + "repository, asks for confirmation (a terminal prompt; scripts pass --yes), makes sure every WAL "
                    + "segment written so far is archived, records the request in PGDATA and stops PostgreSQL (fast "
                    + "shutdown), which stops the container. At the next start (docker start <container>, or at once "
                    + "with a restart policy) bootstrap restores with --delta over the cluster, PostgreSQL recovers to "
                    + "the target and promotes, and backups continue on the new timeline. Everything written after the "
                    + "target is lost."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the drill restored, started and verified the backup", "  1  the drill failed (the output says where)",
            "  2  in place without a terminal and without --yes: nothing changed",
            "  3  invalid configuration or target", "  5  in place on a standby",
            "", "Examples:", "  docker exec <container> pgctl restore --to /tmp/drill",
            "  docker exec -it <container> pgctl restore --time '2026-11-22 03:10:00+00'   # in place, asks first",
            "  docker exec <container> pgctl restore --yes && docker start <container>     # in place, latest",
            "  docker exec <container> pgctl restore --to /tmp/drill --time '2026-11-22 03:10:00+00' --json"})
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--to", paramLabel = "DIR", description = "Scratch directory for a restore drill (must not exist or be empty).")
    Path to;

    @Option(names = "--time", paramLabel = "TIME", description = "Recover to this time (with a zone, e.g. '2026-11-22 03:10:00+00').")
    String time;

    @Option(names = "--set", paramLabel = "LABEL", description = "Restore this backup (see pgctl status); alone: up to its end.")
    String set;

    @Option(names = "--name", paramLabel = "NAME", description = "Recover to this restore point (pg_create_restore_point).")
    String name;

    @Option(names = "--lsn", paramLabel = "LSN", description = "Recover to this LSN.")
    String lsn;

    @Option(names = "--keep", description = "Leave the stopped drill cluster in DIR instead of removing it.")
    boolean keep;

    @Option(names = "--json", description = "Print the result as JSON (see README, Restore drills).")
    boolean json;

    @Option(names = "--yes", description = "In-place restore: do not ask for confirmation (for scripts).")
    boolean yes;

    /** The result of a drill; the JSON schema of restore --json. */
    public record Drill(boolean ok, String target, Optional<String> backup, Optional<String> recoveredTo,
            long restoreSeconds, long recoverySeconds, long totalSeconds, Optional<Integer> databases,
            Optional<Long> sizeBytes, Optional<Boolean> checksumsEnabled, Optional<Long> checksumBlocks,
            Optional<Long> checksumFailures, Optional<String> error) {
    }

    private static final Pattern BACKUP_SET = Pattern.compile("restore backup set (\\d{8}-\\d{6}F[^,\\s]*)");

    @Override
    public Integer call() throws Exception {
        Context ctx = Context.load("restore");
        if (to == null) {
            return inPlace(ctx);
        }
        Out out = json ? ctx.out().logsToStderr() : ctx.out();
        RestoreTarget target = target();
        // the drill's server is started through /bin/sh (pg_ctl): only a plain path may get there
        Optional<Problem> badDir = dev.pgctl.config.RestoreInput.drillDirectory(to.toAbsolutePath().normalize());
        if (badDir.isPresent()) {
            throw new PgctlException(ExitCodes.CONFIG, badDir.get());
        }
        Config c = ctx.config();
        if (c.repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("a drill restores from the repository"));
        }
        Path dir = to.toAbsolutePath().normalize();
        Path pgdata = c.postgres().pgdata().toAbsolutePath().normalize();
        if (dir.startsWith(pgdata) || pgdata.startsWith(dir)) {
            throw new PgctlException(ExitCodes.UNSAFE, Problem.of("--to", dir + " overlaps PGDATA (" + pgdata + ")",
                    "a drill never writes into the running cluster's directory", "pgctl restore --to /tmp/drill"));
        }
        boolean created = !Files.exists(dir);
        if (!created && !isEmptyDir(dir)) {
            throw new PgctlException(ExitCodes.UNSAFE, Problem.of("--to", dir + " exists and is not empty",
                    "a drill only removes what it created", "pgctl restore --to " + dir + "-" + System.currentTimeMillis() / 1000));
        }
        InfoResult info = ctx.pgbackrest().info();
        if (!info.reachable()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "cannot be read: " + info.error(),
                    "a drill restores from the repository", dev.pgctl.pgbackrest.RepoErrors.fixFor(info.error())));
        }
        RepoInfo ri = info.info().get();
        if (!ri.hasBackups()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "holds no backup to restore",
                    "", "docker exec <container> pgctl backup full"));
        }
        Optional<Problem> bad = RestoreTargets.check(target, ri, Instant.now());
        if (bad.isPresent()) {
            throw new PgctlException(ExitCodes.CONFIG, asOption(bad.get()));
        }

        Instant start = Instant.now();
        Drill drill = new Runner(ctx, out, dir, created, target).run(start);
        if (json) {
            ctx.out().stdout().println(Json.pretty(drill));
        } else {
            print(ctx.out(), drill, dir);
        }
        return drill.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The in-place restore: validate, confirm, archive what is written, record the request, stop PostgreSQL. */
    private Integer inPlace(Context ctx) throws IOException {
        Out out = ctx.out();
        Config c = ctx.config();
        if (json || keep) {
            throw new PgctlException(ExitCodes.USAGE, "--json and --keep are for restore drills (--to DIR)");
        }
        RestoreTarget target = target();
        if (c.repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("the cluster is restored from the repository"));
        }
        if (!ctx.postgres().ready()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("postgresql", "is not running in this container",
                    "an in-place restore is requested from the running container",
                    "to restore on a new volume instead: start the image with the same PGBACKREST_* settings on an empty volume"));
        }
        if (ctx.postgres().inRecovery().orElse(false)) {
            throw new PgctlException(ExitCodes.STANDBY, Problem.of("postgresql", "is a standby",
                    "a replica is copied from its primary, never restored from the repository",
                    "restore the primary: docker exec -it <primary container> pgctl restore ..."));
        }
        Path pgdata = c.postgres().pgdata();
        if (Files.exists(dev.pgctl.bootstrap.DataDir.backupsPendingMarker(pgdata))) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("pgctl enable-backups",
                    "backups are not enabled for this cluster: the repository holds nothing of it to restore",
                    "", Fixes.enableBackups()));
        }
        InfoResult info = ctx.pgbackrest().info();
        if (!info.reachable()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "cannot be read: " + info.error(),
                    "nothing was changed", dev.pgctl.pgbackrest.RepoErrors.fixFor(info.error())));
        }
        RepoInfo ri = info.info().get();
        if (!ri.hasBackups()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "holds no backup to restore",
                    "nothing was changed", "docker exec <container> pgctl backup full"));
        }
        Optional<Problem> bad = RestoreTargets.check(target, ri, Instant.now());
        if (bad.isPresent()) {
            throw new PgctlException(ExitCodes.CONFIG, asOption(bad.get()));
        }
        String container = System.getenv().getOrDefault("HOSTNAME", "<container>");
        Confirm.require(out, yes, "In-place restore of " + pgdata + " to " + target.describe() + ".\n"
                + "PostgreSQL stops now, and the container with it; at its next start the cluster is restored from the "
                + "repository. Everything written after the target is lost.", "pgctl restore" + cliTarget());

        // Everything written so far must be in the repository, or a restore to "latest" would lose it;
        // when that cannot be established, this throws and PostgreSQL keeps running.
        String segment = WalArchiving.archiveEverythingWritten(ctx.postgres(), Duration.ofSeconds(120), container);
        out.info("every WAL segment up to " + segment + " is in the repository");
        String request = dev.pgctl.render.RestoreRequest.request(Instant.now(), target.describe(), RestoreTargets.options(target));
        Files.writeString(dev.pgctl.bootstrap.DataDir.restoreRequest(pgdata), request);
        out.info("recorded the restore request in " + dev.pgctl.bootstrap.DataDir.restoreRequest(pgdata) + "\n"
                + "PostgreSQL stops now, and the container with it. Start it again to restore:\n"
                + "  docker start " + container + " && docker logs -f " + container + "\n"
                + "(with a restart policy such as unless-stopped, it restarts and restores by itself)");
        Result stop = ctx.proc().run(Spec.of(Duration.ofSeconds(30), "pg_ctl", "stop", "-D", pgdata.toString(),
                "-m", "fast", "--no-wait").asPostgres());
        if (!stop.ok()) {
            Files.deleteIfExists(dev.pgctl.bootstrap.DataDir.restoreRequest(pgdata));
            throw new PgctlException(ExitCodes.FAILED, Problem.of("pg_ctl stop", stop.diagnostic(),
                    "the request was withdrawn; nothing was changed", "docker logs " + container));
        }
        return ExitCodes.OK;
    }

    private String cliTarget() {
        StringBuilder sb = new StringBuilder();
        if (time != null) {
            sb.append(" --time '").append(time).append("'");
        }
        if (name != null) {
            sb.append(" --name '").append(name).append("'");
        }
        if (lsn != null) {
            sb.append(" --lsn ").append(lsn);
        }
        if (set != null) {
            sb.append(" --set ").append(set);
        }
        return sb.toString();
    }

    /** The target options, through the same checks as PGCTL_RESTORE_TARGET_* (exit 3 naming the option). */
    private RestoreTarget target() {
        long n = Stream.of(time, name, lsn).filter(x -> x != null).count();
        if (n > 1) {
            throw new PgctlException(ExitCodes.USAGE, "use one of --time, --name and --lsn");
        }
        List<Problem> problems = new ArrayList<>();
        RestoreTarget t = dev.pgctl.config.RestoreInput.parse(Optional.ofNullable(time), Optional.ofNullable(name),
                Optional.ofNullable(lsn), Optional.ofNullable(set), dev.pgctl.config.RestoreInput.Names.CLI, problems::add);
        if (!problems.isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, "invalid restore target", problems);
        }
        return t;
    }

    private static Problem asOption(Problem p) {
        String option = switch (p.subject()) {
            case "PGCTL_RESTORE_SET" -> "--set";
            default -> "--time";
        };
        List<String> fix = p.fix().stream().map(f -> f.replace("PGCTL_RESTORE_TARGET_TIME=", "--time ")
                .replace("PGCTL_RESTORE_SET=", "--set ").replace("unset PGCTL_RESTORE_SET", "leave out --set")).toList();
        return new Problem(option, p.what(), p.why(), fix);
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void print(Out o, Drill d, Path dir) {
        o.stdout().println((d.ok() ? o.green("drill passed") : o.red("drill FAILED")) + ": " + d.target());
        d.backup().ifPresent(b -> o.stdout().println("  backup          " + b));
        o.stdout().println("  recovered to    " + d.recoveredTo().orElse("the end of the backup (no transaction replayed)"));
        d.databases().ifPresent(n -> o.stdout().println("  databases       " + n + ", " + dev.pgctl.status.StatusText.bytes(d.sizeBytes().orElse(0L))));
        d.checksumsEnabled().ifPresent(on -> o.stdout().println("  data checksums  " + (on
                ? d.checksumBlocks().orElse(0L) + " blocks checked, " + d.checksumFailures().orElse(0L) + " bad"
                : "not enabled in this cluster")));
        o.stdout().println("  took            " + d.totalSeconds() + " s (restore " + d.restoreSeconds() + " s, recovery "
                + d.recoverySeconds() + " s)");
        d.error().ifPresent(e -> o.stdout().println("  error           " + e));
        o.stdout().println("  " + dir + " and the throwaway server are gone");
    }

    /** One drill: restore, start, verify, stop, clean up. */
    private final class Runner {
        private final Context ctx;
        private final Out out;
        private final Path dir;
        private final boolean created;
        private final RestoreTarget target;
        private boolean started;

        Runner(Context ctx, Out out, Path dir, boolean created, RestoreTarget target) {
            this.ctx = ctx;
            this.out = out;
            this.dir = dir;
            this.created = created;
            this.target = target;
        }

        private Result run(Duration timeout, String... argv) {
            return ctx.proc().run(new Spec(List.of(argv), timeout, true, Optional.empty(), java.util.Map.of(), Optional.empty()));
        }

        private Result sql(String query) {
            return run(Duration.ofSeconds(60), "psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(),
                    "-p", "5432", "-U", ctx.config().postgres().superuser(), "-d", "postgres", "-c", query);
        }

        Drill run(Instant start) {
            String backup = null;
            long restoreSeconds = 0;
            long recoverySeconds = 0;
            try {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                List<String> opts = new ArrayList<>(List.of("--pg1-path=" + dir, "--archive-mode=off"));
                opts.addAll(RestoreTargets.options(target));
                out.info("drill: restoring into " + dir + ", recovering to " + target.describe());
                StringBuilder log = new StringBuilder();
                Result r;
                try (RestoreProgress progress = RestoreProgress.start(dir, 0, out, "drill restore")) {
                    r = ctx.pgbackrest().restore(opts, line -> {
                        log.append(line).append('\n');
                        if (!json) {
                            out.info("pgbackrest: " + line);
                        }
                    });
                }
                Matcher m = BACKUP_SET.matcher(log);
                backup = m.find() ? m.group(1) : null;
                if (!r.ok()) {
                    return failed(start, backup, restoreSeconds, 0, "pgbackrest restore failed: " + PgBackRest.errorOf(r));
                }
                restoreSeconds = Duration.between(start, Instant.now()).toSeconds();
                Instant recovery = Instant.now();
                String restoreCommand = "pgbackrest --pg1-path=" + dir + " --stanza=" + ctx.config().stanza()
                        + " --no-archive-async archive-get %f \"%p\"";
                String options = "-c listen_addresses='' -c unix_socket_directories='" + dir + "' -c port=5432"
                        + " -c archive_mode=off -c ssl=off -c hba_file='" + dir.resolve("pg_hba.conf") + "'"
                        + " -c shared_buffers=32MB"
                        + " -c restore_command='" + restoreCommand + "'";
                out.info("drill: starting a throwaway server on the socket in " + dir);
                started = true;
                Result s = run(Duration.ofHours(6), "pg_ctl", "-D", dir.toString(), "-l", dir.resolve("drill.log").toString(),
                        "-o", options, "-w", "-t", "21600", "start");
                if (!s.ok()) {
                    return failed(start, backup, restoreSeconds, 0, "the restored cluster did not start: " + tail(dir.resolve("drill.log")));
                }
                out.info("drill: the throwaway server runs" + DrillServer.pid(dir).map(p -> " (pid " + p + ")").orElse("")
                        + "; waiting for recovery and promotion");
                Instant deadline = Instant.now().plus(Duration.ofHours(6));
                while (true) {
                    DrillServer.State state = DrillServer.state(DrillServer.alive(dir), sql("select pg_is_in_recovery()"));
                    if (state == DrillServer.State.PROMOTED) {
                        break;
                    }
                    if (state == DrillServer.State.DIED) {
                        return failed(start, backup, restoreSeconds, 0,
                                "the throwaway server stopped during recovery: " + tail(dir.resolve("drill.log")));
                    }
                    if (Instant.now().isAfter(deadline)) {
                        return failed(start, backup, restoreSeconds, 0, "recovery did not finish");
                    }
                    Thread.sleep(500);
                }
                recoverySeconds = Duration.between(recovery, Instant.now()).toSeconds();
                Optional<String> recoveredTo = value("select coalesce(to_char(pg_last_xact_replay_timestamp() at time zone 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '')");
                Optional<Integer> databases = value("select count(*) from pg_database where datallowconn").map(Integer::parseInt);
                Optional<Long> size = value("select sum(pg_database_size(oid)) from pg_database").map(Long::parseLong);
                Optional<Boolean> checksums = value("show data_checksums").map("on"::equals);
                stop();
                Optional<Long> blocks = Optional.empty();
                Optional<Long> bad = Optional.empty();
                if (checksums.orElse(false)) {
                    out.info("drill: checking the data checksum of every page");
                    Result cs = run(Duration.ofHours(6), "pg_checksums", "--check", "-D", dir.toString());
                    blocks = number(cs.stdout(), "Blocks scanned:");
                    bad = number(cs.stdout(), "Bad checksums:");
                    if (!cs.ok()) {
                        return new Drill(false, target.describe(), Optional.ofNullable(backup), recoveredTo, restoreSeconds,
                                recoverySeconds, Duration.between(start, Instant.now()).toSeconds(), databases, size, checksums,
                                blocks, bad, Optional.of("pg_checksums found damage: " + cs.diagnostic()));
                    }
                }
                return new Drill(true, target.describe(), Optional.ofNullable(backup), recoveredTo, restoreSeconds,
                        recoverySeconds, Duration.between(start, Instant.now()).toSeconds(), databases, size, checksums,
                        blocks, bad, Optional.empty());
            } catch (IOException e) {
                return failed(start, backup, restoreSeconds, recoverySeconds, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(start, backup, restoreSeconds, recoverySeconds, "interrupted");
            } finally {
                cleanUp();
            }
        }

        private Optional<String> value(String query) {
            Result r = sql(query);
            String v = r.stdout().strip();
            return r.ok() && !v.isEmpty() ? Optional.of(v) : Optional.empty();
        }

        private Optional<Long> number(String text, String label) {
            for (String line : text.split("\n")) {
                if (line.strip().startsWith(label)) {
                    return Optional.of(Long.parseLong(line.substring(line.indexOf(':') + 1).strip()));
                }
            }
            return Optional.empty();
        }

        private void stop() {
            if (started) {
                run(Duration.ofMinutes(10), "pg_ctl", "-D", dir.toString(), "-m", "fast", "-w", "stop");
                started = false;
            }
        }

        private Drill failed(Instant start, String backup, long restore, long recovery, String error) {
            out.error("drill: " + error);
            return new Drill(false, target.describe(), Optional.ofNullable(backup), Optional.empty(), restore, recovery,
                    Duration.between(start, Instant.now()).toSeconds(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(error));
        }

        private String tail(Path log) {
            try {
                return DrillServer.reason(Files.readAllLines(log));
            } catch (IOException e) {
                return "(no server log)";
            }
        }

        private void cleanUp() {
            // an immediate stop if anything above left the server running
            if (started) {
                run(Duration.ofMinutes(5), "pg_ctl", "-D", dir.toString(), "-m", "immediate", "-w", "stop");
                started = false;
            }
            if (keep) {
                return;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir) || created) {
                        Files.deleteIfExists(p);
                    }
                }
            } catch (IOException e) {
                out.warn("drill: could not remove " + dir + ": " + e.getMessage());
            }
        }
    }
}
