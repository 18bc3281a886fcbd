package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.problem.Problem;
import dev.pgctl.exec.Proc;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.fs.Files2;
import dev.pgctl.render.Replication;
import dev.pgctl.replica.CloneErrors;
import dev.pgctl.restore.RestoreProgress;
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
import java.util.stream.Stream;

/**
 * A replica's first start: waits for the primary, copies it with pg_basebackup (over SSL, WAL
 * streamed during the copy, optionally through a replication slot) and marks the copy a standby.
 * A marker beside PGDATA says a copy is in progress: a copy that was interrupted is recognised at
 * the next start and redone from the start, and a partial copy is never started.
 */
final class PrimaryClone {
    /** How long a refused replication login is retried: the primary creates the role right after it starts. */
    static final Duration AUTH_PATIENCE = Duration.ofSeconds(60);

    private final Context ctx;
    private final Out out;
    private final Config c;
    private final Files2 files;

    PrimaryClone(Context ctx, Files2 files) {
        this.ctx = ctx;
        this.out = ctx.out();
        this.c = ctx.config();
        this.files = files;
    }

    static String applicationName(Config c) {
        return applicationName(c, System.getenv().getOrDefault("HOSTNAME", ""));
    }

    /**
     * The slot name, else the container's host name when it is a plain one (it goes into
     * primary_conninfo in the PostgreSQL include, and HOSTNAME can be overridden with -e), else "replica".
     */
    static String applicationName(Config c, String hostname) {
        return c.replication().slot().orElseGet(() ->
                hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})") ? hostname : "replica");
    }

    String target() {
        return c.replication().primaryHost().orElse("?") + ":" + c.replication().primaryPort();
    }

    void run() throws IOException {
        Path pgdata = c.postgres().pgdata();
        Path marker = DataDir.cloneMarker(pgdata);
        String conninfo = Replication.conninfo(c, applicationName(c));
        Instant start = Instant.now();
        Instant deadline = start.plusSeconds(c.replication().waitSeconds());
        Instant authDeadline = null;
        Instant lastSaid = Instant.EPOCH;
        boolean createSlot = c.replication().slot().isPresent();
        out.info("copying the primary " + target() + " as " + c.replication().user() + " (sslmode "
                + c.replication().sslMode() + c.replication().slot().map(s -> ", slot " + s).orElse("") + ")");
        while (true) {
            if (!accepting(conninfo)) {
                if (Instant.now().isAfter(deadline)) {
                    throw unreachable();
                }
                if (Duration.between(lastSaid, Instant.now()).toSeconds() >= 10) {
                    out.info("waiting for the primary " + target() + " to accept connections ("
                            + Duration.between(start, Instant.now()).toSeconds() + " s of PGCTL_PRIMARY_WAIT_TIMEOUT="
                            + c.replication().waitSeconds() + ")");
                    lastSaid = Instant.now();
                }
                sleep(2);
                continue;
            }
            clean(pgdata);
            files.directory(pgdata, "rwx------");
            Files.writeString(marker, "copy of " + target() + " started " + Instant.now() + "\n");
            Result r = basebackup(pgdata, conninfo, createSlot);
            if (r.ok()) {
                break;
            }
            String error = CloneErrors.lastLine(r.stdout() + "\n" + r.stderr());
            CloneErrors.Kind kind = CloneErrors.classify(r.stderr() + "\n" + r.stdout());
            switch (kind) {
                case SLOT_EXISTS -> {
                    out.info("the replication slot " + c.replication().slot().get() + " exists on the primary: using it");
                    createSlot = false;
                    continue;
                }
                case AUTH -> {
                    if (authDeadline == null) {
                        authDeadline = Instant.now().plus(AUTH_PATIENCE.compareTo(Duration.ofSeconds(c.replication().waitSeconds())) < 0
                                ? AUTH_PATIENCE : Duration.ofSeconds(c.replication().waitSeconds()));
                    }
                    if (Instant.now().isAfter(authDeadline)) {
                        clean(pgdata);
                        Files.deleteIfExists(marker);
                        throw refusedLogin(error);
                    }
                    out.info("the primary refused the replication login (" + error + "); retrying: a new primary creates "
                            + "the role " + c.replication().user() + " right after it starts");
                }
                default -> {
                    if (Instant.now().isAfter(deadline)) {
                        clean(pgdata);
                        Files.deleteIfExists(marker);
                        throw new PgctlException(ExitCodes.FAILED, Problem.of("pg_basebackup",
                                "copying the primary " + target() + " failed: " + error,
                                "the replica has no data to start from; PGDATA was emptied again",
                                "fix the cause above, then start the container again",
                                "the primary's log may say more: docker logs <primary container>"));
                    }
                    out.info("copying the primary failed (" + error + "); retrying");
                }
            }
            sleep(5);
        }
        Path signal = pgdata.resolve("standby.signal");
        files.write(signal, "", "rw-------");
        Files.delete(marker);
        out.info("copied the primary in " + Duration.between(start, Instant.now()).toSeconds()
                + " s; PostgreSQL starts as a hot standby and streams from " + target());
    }

    private boolean accepting(String conninfo) {
        return ctx.proc().run(Spec.of(Duration.ofSeconds(15), "pg_isready", "-q", "-t", "5", "-d", conninfo).asPostgres()).ok();
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
        Spec spec = new Spec(cmd, Duration.ofHours(48), false, Optional.empty(), java.util.Map.of(), Optional.empty())
                .streaming(line -> out.info("pg_basebackup: " + line)).asPostgres();
        try (RestoreProgress progress = RestoreProgress.start(pgdata, 0, out, "copy")) {
            return ctx.proc().run(spec);
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

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgctlException(ExitCodes.FAILED, "interrupted while copying the primary");
        }
    }
}
