package dev.pgctl.replica;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.fs.Files2;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.render.Replication;
import dev.pgctl.restore.RestoreProgress;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A replica's first start: waits for the primary, copies it with pg_basebackup (over SSL, WAL
 * streamed during the copy, optionally through a replication slot) and marks the copy a standby.
 * A marker beside PGDATA says a copy is in progress: a copy that was interrupted is recognised at
 * the next start and redone from the start, and a partial copy is never started.
 * When to wait, retry or give up is {@link CloneRetry}'s; the clock and the sleeper are given, so a
 * test drives the wait without real time.
 */
public final class PrimaryClone {
    /** Shows how much of the copy has arrived while pg_basebackup runs, until it is closed. */
    @FunctionalInterface
    public interface Progress extends AutoCloseable {
        @Override
        void close();
    }

    private final Config c;
    private final Proc proc;
    private final Out out;
    private final Files2 files;
    private final Function<Path, Progress> progress;
    private final InstantSource clock;
    private final Sleeper sleeper;

    public PrimaryClone(Config c, Proc proc, Out out, Files2 files, Function<Path, Progress> progress,
            InstantSource clock, Sleeper sleeper) {
        this.c = c;
        this.proc = proc;
        this.out = out;
        this.files = files;
        this.progress = progress;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    String target() {
        return c.replication().primaryHost().orElse("?") + ":" + c.replication().primaryPort();
    }

    public void run() throws IOException {
        Path pgdata = c.postgres().pgdata();
        Path marker = DataDir.cloneMarker(pgdata);
        String conninfo = Replication.conninfo(c, ApplicationName.of(c));
        CloneRetry.State state = CloneRetry.State.begin(clock.instant(), Duration.ofSeconds(c.replication().waitSeconds()));
        boolean createSlot = c.replication().slot().isPresent();
        out.info("copying the primary " + target() + " as " + c.replication().user() + " (sslmode "
                + c.replication().sslMode() + c.replication().slot().map(s -> ", slot " + s).orElse("") + ")");
        while (true) {
            CloneRetry.Decision d;
            String error = "";
            if (!accepting(conninfo)) {
                d = CloneRetry.notAccepting(state, clock.instant());
            } else {
                clean(pgdata);
                files.directory(pgdata, "rwx------");
                Files.writeString(marker, "copy of " + target() + " started " + clock.instant() + "\n");
                Result r = basebackup(pgdata, conninfo, createSlot);
                if (r.ok()) {
                    break;
                }
                error = CloneErrors.lastLine(r.stdout() + "\n" + r.stderr());
                d = CloneRetry.copyFailed(state, CloneErrors.classify(r.stderr() + "\n" + r.stdout()), clock.instant());
            }
            state = d.next();
            switch (d.step()) {
                case WAIT -> {
                }
                case WAIT_AND_SAY -> out.info("waiting for the primary " + target() + " to accept connections ("
                        + Duration.between(state.start(), clock.instant()).toSeconds() + " s of PGCTL_PRIMARY_WAIT_TIMEOUT="
                        + c.replication().waitSeconds() + ")");
                case USE_EXISTING_SLOT -> {
                    out.info("the replication slot " + c.replication().slot().get() + " exists on the primary: using it");
                    createSlot = false;
                }
                case RETRY_LOGIN -> out.info("the primary refused the replication login (" + error + "); retrying: a new "
                        + "primary creates the role " + c.replication().user() + " right after it starts");
                case RETRY -> out.info("copying the primary failed (" + error + "); retrying");
                case GIVE_UP_UNREACHABLE -> throw unreachable();
                case GIVE_UP_LOGIN -> {
                    clean(pgdata);
                    Files.deleteIfExists(marker);
                    throw refusedLogin(error);
                }
                case GIVE_UP_COPY -> {
                    clean(pgdata);
                    Files.deleteIfExists(marker);
                    throw new PgctlException(ExitCodes.FAILED, Problem.of("pg_basebackup",
                            "copying the primary " + target() + " failed: " + error,
                            "the replica has no data to start from; PGDATA was emptied again",
                            "fix the cause above, then start the container again",
                            "the primary's log may say more: docker logs <primary container>"));
                }
            }
            pause(d.step().pause());
        }
        Path signal = pgdata.resolve("standby.signal");
        files.write(signal, "", "rw-------");
        Files.delete(marker);
        out.info("copied the primary in " + Duration.between(state.start(), clock.instant()).toSeconds()
                + " s; PostgreSQL starts as a hot standby and streams from " + target());
    }

    private boolean accepting(String conninfo) {
        return proc.run(Spec.of(Duration.ofSeconds(15), "pg_isready", "-q", "-t", "5", "-d", conninfo).asPostgres()).ok();
    }

    private Result basebackup(Path pgdata, String conninfo, boolean createSlot) {
        List<String> cmd = new ArrayList<>(List.of("pg_basebackup", "-D", pgdata.toString(), "-d", conninfo,
                "--wal-method=stream", "--checkpoint=fast", "--no-password", "--verbose"));
        c.replication().slot().ifPresent(s -> {
            cmd.add("--slot=" + s);
            if (createSlot) {
                cmd.add("--create-slot");
            }
        });
        Spec spec = new Spec(cmd, Duration.ofHours(48), false, Optional.empty(), Map.of(), Optional.empty())
                .streaming(line -> out.relay("pg_basebackup", line)).asPostgres();
        try (Progress p = progress.apply(pgdata)) {
            return proc.run(spec);
        }
    }
    /** Empties PGDATA: only ever called on a directory that was empty or holds pgctl's own partial copy. */
    private static void clean(Path pgdata) throws IOException {
        if (!Files.isDirectory(pgdata)) {
            return;
        }
        try (Stream<Path> s = Files.walk(pgdata)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(pgdata)) {
                    Files.delete(p);
                }
            }
        }
    }

    private PgctlException unreachable() {
        return new PgctlException(ExitCodes.FAILED, Problem.of("PGCTL_PRIMARY_HOST",
                "the primary " + target() + " did not accept connections within " + c.replication().waitSeconds()
                        + " s (PGCTL_PRIMARY_WAIT_TIMEOUT)",
                "a new replica copies its primary before it can start; nothing was written to PGDATA",
                "check that the primary runs and that this container reaches it: "
                        + "docker exec <this container> pg_isready -h " + c.replication().primaryHost().orElse("?")
                        + " -p " + c.replication().primaryPort(),
                "fix PGCTL_PRIMARY_HOST / PGCTL_PRIMARY_PORT, or wait longer: PGCTL_PRIMARY_WAIT_TIMEOUT=1800"));
    }

    private PgctlException refusedLogin(String error) {
        return new PgctlException(ExitCodes.CONFIG, Problem.of("PGCTL_REPLICATION_PASSWORD",
                "the primary " + target() + " refused the replication login of " + c.replication().user() + ": " + error,
                "the replica logs in with PGCTL_REPLICATION_USER and PGCTL_REPLICATION_PASSWORD, which must match the "
                        + "primary's (the primary creates that role from its own PGCTL_REPLICATION_* at every start); "
                        + "nothing was written to PGDATA",
                "give both containers the same secret, e.g. PGCTL_REPLICATION_PASSWORD_FILE=/run/secrets/replication-password",
                "check the primary has it: docker exec <primary container> pgctl replica status"));
    }

    private void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgctlException(ExitCodes.FAILED, "interrupted while copying the primary");
        }
    }
}
