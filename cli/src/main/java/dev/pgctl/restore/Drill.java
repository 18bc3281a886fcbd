package dev.pgctl.restore;

import dev.pgctl.config.RestoreTarget;
import dev.pgctl.config.Config;
import dev.pgctl.config.DrillSettings;
import dev.pgctl.drill.Amcheck;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.SanityCheck;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pgctl.exec.Proc;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.RestoreTargets;
import dev.pgctl.restore.Preconditions.DirState;
import dev.pgctl.restore.Preconditions.Kind;
import dev.pgctl.config.RestoreTarget.Names;
import dev.pgctl.text.SafeText;
import dev.pgctl.ui.Out;
import dev.pgctl.ui.Relay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One restore drill: restore a backup into a scratch directory, start a throwaway server on a socket
 * there, wait until it recovered and promoted, verify it, stop it and remove what the drill created.
 * It never touches the running cluster, its PGDATA or what the repository holds.
 */
public final class Drill {
    private static final Pattern BACKUP_SET = Pattern.compile("restore backup set (\\d{8}-\\d{6}F[^,\\s]*)");

    /**
     * The result of a drill; the JSON schema of restore --json. amcheck, queries and failures are those of
     * {@code pgctl drill} (its {@link Checks}); restore --to runs none and leaves them out.
     */
    public record Report(boolean ok, String target, Optional<String> backup, Optional<String> recoveredTo,
            long restoreSeconds, long recoverySeconds, long totalSeconds, Optional<Integer> databases,
            Optional<Long> sizeBytes, Optional<Boolean> checksumsEnabled, Optional<Long> checksumBlocks,
            Optional<Long> checksumFailures, Optional<String> error,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Amcheck.Counts> amcheck,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<DrillRecord.Queries> queries,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> failures) {
    }

    /**
     * What a drill does beyond restore, recovery and page checksums, and how gently.
     *
     * @param prefix     run pgBackRest's restore, the throwaway server and pg_checksums under this command
     *                   (nice, ionice); the server's backends and its archive-get inherit it
     * @param processMax pgBackRest's --process-max for the restore
     * @param amcheck    which relations amcheck verifies
     * @param queries    the user's sanity queries, each must return one true value
     * @param database   where they run
     */
    public record Checks(List<String> prefix, Optional<Integer> processMax, DrillSettings.Amcheck amcheck,
            List<String> queries, String database) {
        /** restore --to: none of them, at full speed. */
        public static final Checks NONE = new Checks(List.of(), Optional.empty(), DrillSettings.Amcheck.OFF, List.of(),
                "postgres");
    }

    private final Config config;
    private final Proc proc;
    private final PgBackRest pgbackrest;
    private final Out out;
    private final Path dir;
    private final RestoreTarget target;
    private final boolean keep;
    private final boolean quiet;
    private final Checks checks;
    private boolean created;
    private boolean started;
    private boolean verbose;
    private ConfFile.Lease conf;

    /**
     * @param to    the scratch directory (--to)
     * @param keep  leave the stopped cluster in it
     * @param quiet do not pass pgBackRest's lines on (--json)
     */
    public Drill(Config config, Proc proc, PgBackRest pgbackrest, Out out, Path to, RestoreTarget target, boolean keep,
            boolean quiet) {
        this(config, proc, pgbackrest, out, to, target, keep, quiet, Checks.NONE);
    }

    /**
     * On a terminal, pass pgBackRest's lines on as they come too (--verbose); by default they are held there and
     * shown only when the restore fails ({@link Relay}). Without a terminal they always pass.
     */
    public Drill verbose(boolean on) {
        this.verbose = on;
        return this;
    }

    /** A drill with {@code checks} (pgctl drill). */
    public Drill(Config config, Proc proc, PgBackRest pgbackrest, Out out, Path to, RestoreTarget target, boolean keep,
            boolean quiet, Checks checks) {
        this.checks = checks;
        this.config = config;
        this.proc = proc;
        this.pgbackrest = pgbackrest;
        this.out = out;
        this.dir = to.toAbsolutePath().normalize();
        this.target = target;
        this.keep = keep;
        this.quiet = quiet;
    }

    /** A drill's throwaway server runs in {@code dir} (its postmaster.pid names a live process). */
    public static boolean serverRuns(Path dir) {
        return DrillServer.alive(dir);
    }

    /** The drill's directory, absolute. */
    public Path dir() {
        return dir;
    }

    /**
     * Checks the directory, the repository and the target, throwing (exit 3, 4 or 1) before anything is
     * created; then runs the drill and reports it.
     */
    public Report run() throws IOException {
        // the drill's server is started through /bin/sh (pg_ctl): only a plain path may get there
        Preconditions.require(Preconditions.drillPath(dir));
        Preconditions.require(Preconditions.configured(Kind.DRILL, config.repo().isPresent()));
        Path pgdata = config.postgres().pgdata().toAbsolutePath().normalize();
        DirState state = !Files.exists(dir) ? DirState.ABSENT : isEmptyDir(dir) ? DirState.EMPTY_DIRECTORY : DirState.OTHER;
        Preconditions.require(Preconditions.drillDirectory(dir, pgdata, state, System.currentTimeMillis() / 1000));
        Preconditions.require(Preconditions.repository(Kind.DRILL, pgbackrest.info(), target, Names.CLI, Instant.now()));
        created = state == DirState.ABSENT;
        return drill(Instant.now());
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private Result run(Duration timeout, String... argv) {
        return proc.run(new Spec(List.of(argv), timeout, true, Optional.empty(), Map.of(), Optional.empty()));
    }

    private Result sql(String query) {
        return psql(Duration.ofSeconds(60), "postgres", query);
    }

    private Result psql(Duration timeout, String db, String query, String... more) {
        List<String> argv = new ArrayList<>(List.of("psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                dir.toString(), "-p", "5432", "-U", config.postgres().superuser(), "-d", db));
        argv.addAll(List.of(more));
        argv.add("-c");
        argv.add(query);
        return run(timeout, argv.toArray(String[]::new));
    }

    private Result gently(Duration timeout, String... argv) {
        List<String> all = new ArrayList<>(checks.prefix());
        all.addAll(List.of(argv));
        return run(timeout, all.toArray(String[]::new));
    }

    private Report drill(Instant start) {
        String backup = null;
        long restoreSeconds = 0;
        long recoverySeconds = 0;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            List<String> opts = new ArrayList<>(List.of("--pg1-path=" + dir, "--archive-mode=off"));
            opts.addAll(RestoreTargets.options(target));
            checks.processMax().ifPresent(n -> opts.add("--process-max=" + n));
            out.info("drill: restoring into " + dir + ", recovering to " + target.describe());
            StringBuilder log = new StringBuilder();
            Relay relay = Relay.of(out, "pgbackrest", verbose);
            Result r;
            try (RestoreProgress progress = RestoreProgress.start(dir, 0, out, "drill restore")) {
                r = pgbackrest.restore(checks.prefix(), opts, line -> {
                    log.append(line).append('\n');
                    if (!quiet) {
                        relay.accept(line);
                    }
                });
            }
            Matcher m = BACKUP_SET.matcher(log);
            backup = m.find() ? m.group(1) : null;
            if (!r.ok()) {
                if (relay.holding() && !quiet) {
                    out.error("drill: pgbackrest restore failed: " + PgBackRest.errorOf(r));
                    relay.replay();
                }
                return failed(start, backup, restoreSeconds, 0, "pgbackrest restore failed: " + PgBackRest.errorOf(r));
            }
            restoreSeconds = Duration.between(start, Instant.now()).toSeconds();
            Instant recovery = Instant.now();
            // the server's archive-get reads the same configuration as pgctl's own runs (a private copy where the
            // rendered file is missing, as in a one-off container), kept until the server is stopped
            conf = pgbackrest.config();
            String restoreCommand = "pgbackrest --config=" + conf.path() + " --pg1-path=" + dir + " --stanza=" + config.stanza()
                    + " --no-archive-async archive-get %f \"%p\"";
            String options = "-c listen_addresses='' -c unix_socket_directories='" + dir + "' -c port=5432"
                    + " -c archive_mode=off -c ssl=off -c hba_file='" + dir.resolve("pg_hba.conf") + "'"
                    + " -c shared_buffers=32MB"
                    + " -c restore_command='" + restoreCommand + "'";
            out.info("drill: starting a throwaway server on the socket in " + dir);
            started = true;
            Result s = gently(Duration.ofHours(6), "pg_ctl", "-D", dir.toString(), "-l", dir.resolve("drill.log").toString(),
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
            List<String> failures = new ArrayList<>();
            Optional<Amcheck.Counts> amcheck = amcheck(failures);
            Optional<DrillRecord.Queries> queries = queries(failures);
            stop();
            Optional<Long> blocks = Optional.empty();
            Optional<Long> bad = Optional.empty();
            if (checksums.orElse(false)) {
                out.info("drill: checking the data checksum of every page");
                Result cs = gently(Duration.ofHours(6), "pg_checksums", "--check", "-D", dir.toString());
                blocks = number(cs.stdout(), "Blocks scanned:");
                bad = number(cs.stdout(), "Bad checksums:");
                if (!cs.ok()) {
                    failures.add(0, "pg_checksums found damage: " + cs.diagnostic());
                }
            }
            failures.forEach(f -> out.error("drill: " + f));
            return new Report(failures.isEmpty(), target.describe(), Optional.ofNullable(backup), recoveredTo, restoreSeconds,
                    recoverySeconds, Duration.between(start, Instant.now()).toSeconds(), databases, size, checksums,
                    blocks, bad, failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(0)), amcheck, queries,
                    failures);
        } catch (IOException | UncheckedIOException e) {
            return failed(start, backup, restoreSeconds, recoverySeconds, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, backup, restoreSeconds, recoverySeconds, "interrupted");
        } finally {
            cleanUp();
        }
    }

    /** amcheck in every database that accepts connections; each corrupt relation is a failure. */
    private Optional<Amcheck.Counts> amcheck(List<String> failures) {
        if (checks.amcheck() == DrillSettings.Amcheck.OFF) {
            return Optional.empty();
        }
        Result dbs = sql("select datname from pg_database where datallowconn order by datname");
        if (!dbs.ok()) {
            failures.add("amcheck: cannot list the databases: " + dbs.diagnostic());
            return Optional.empty();
        }
        Amcheck.Counts total = new Amcheck.Counts(checks.amcheck().name().toLowerCase(Locale.ROOT), 0, 0, 0);
        for (String db : dbs.stdout().strip().split("\n")) {
            if (db.isEmpty()) {
                continue;
            }
            out.info("drill: amcheck in database " + SafeText.visible(db));
            Result r = psql(Duration.ofHours(6), db, Amcheck.statement(checks.amcheck()));
            if (!r.ok()) {
                failures.add("amcheck: " + SafeText.visible(db) + ": " + r.diagnostic());
                continue;
            }
            try {
                Amcheck.Result a = Amcheck.parse(db, checks.amcheck(), r.stdout());
                total = total.plus(a.counts());
                failures.addAll(a.problems());
            } catch (IllegalArgumentException e) {
                failures.add("amcheck: " + SafeText.visible(db) + ": " + e.getMessage());
            }
        }
        out.info("drill: amcheck checked " + total.heapChecked() + " tables and " + total.btreeChecked()
                + " B-tree indexes, " + total.corrupt() + " corrupt");
        return Optional.of(total);
    }

    /** The user's sanity queries, in their database; each one that fails is a failure naming it. */
    private Optional<DrillRecord.Queries> queries(List<String> failures) {
        if (checks.queries().isEmpty()) {
            return Optional.empty();
        }
        int passed = 0;
        for (String q : checks.queries()) {
            Optional<String> why = SanityCheck.failure(psql(Duration.ofMinutes(30), checks.database(), q));
            if (why.isEmpty()) {
                passed++;
            } else {
                failures.add("query failed: " + SanityCheck.shown(q) + ": " + why.get());
            }
        }
        out.info("drill: " + passed + " of " + checks.queries().size() + " sanity queries returned true");
        return Optional.of(new DrillRecord.Queries(checks.queries().size(), passed));
    }

    private Optional<String> value(String query) {
        Result r = sql(query);
        String v = r.stdout().strip();
        return r.ok() && !v.isEmpty() ? Optional.of(v) : Optional.empty();
    }

    private static Optional<Long> number(String text, String label) {
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

    private Report failed(Instant start, String backup, long restore, long recovery, String error) {
        out.error("drill: " + error);
        return new Report(false, target.describe(), Optional.ofNullable(backup), Optional.empty(), restore, recovery,
                Duration.between(start, Instant.now()).toSeconds(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(error), Optional.empty(), Optional.empty(), List.of(error));
    }

    private static String tail(Path log) {
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
        if (conf != null) {
            conf.close();
            conf = null;
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
