package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pg.ArchiverStats;
import dev.pgctl.pgbackrest.Locks;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.replica.ReplicationRole;
import dev.pgctl.ui.Out;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "after-start", hidden = true, mixinStandardHelpOptions = true,
        description = {"Internal: started by bootstrap in the background. Waits until PostgreSQL accepts connections "
                + "as a primary, then creates or updates the replication role (with PGCTL_REPLICATION_PASSWORD), creates "
                + "the stanza and takes the first full backup when the repository has none. "
                + "Its state is shown by pgctl status."})
public final class AfterStartCommand implements Callable<Integer> {

    @Option(names = "--postmaster-pid", description = "PID the postmaster will have (the entrypoint's PID); 0 = any.")
    long postmasterPid;

    @Option(names = "--wait", description = "How long to wait for PostgreSQL, in seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "86400")
    long waitSeconds;

    private final Contexts contexts;

    public AfterStartCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws InterruptedException {
        Context ctx = contexts.open("after-start");
        Out out = ctx.out();
        Config c = ctx.config();
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        boolean backups = c.repo().isPresent()
                && !Files.exists(DataDir.backupsPendingMarker(c.postgres().pgdata()));

        // The official entrypoint may first run a temporary, socket-only server for
        // /docker-entrypoint-initdb.d: only the final postmaster (the entrypoint's PID) counts.
        while (!(serverIsFinal(ctx) && ctx.postgres().ready() && ctx.postgres().inRecovery().equals(Optional.of(false)))) {
            if (Instant.now().isAfter(deadline)) {
                if (backups) {
                    JobState.of("failed", "waiting for PostgreSQL", "PostgreSQL did not come up as a primary").write(c.paths().runDir());
                }
                out.error("PostgreSQL did not accept connections as a primary within " + waitSeconds + " s; "
                        + "the first backup will be taken by the next scheduled job");
                return ExitCodes.FAILED;
            }
            Thread.sleep(1000);
        }

        ReplicationRole.ensure(c.replication(), ctx.postgres(), out);
        if (!backups) {
            return ExitCodes.OK;
        }
        JobState.of("running", "stanza-create", "").write(c.paths().runDir());
        out.info("PostgreSQL is up: creating the stanza '" + c.stanza() + "' (no-op when it exists)");
        Result r = Stanza.create(ctx, out);
        if (!r.ok()) {
            String why = PgBackRest.errorOf(r);
            JobState.of("failed", "stanza-create", why).write(c.paths().runDir());
            out.error("stanza-create failed: " + why + "\n"
                    + "fix: check the repository settings with: docker exec <container> pgctl check\n"
                    + "     the next container start, or the next scheduled backup, tries again");
            return ExitCodes.FAILED;
        }

        clearFailuresBeforeStanza(ctx, out);

        InfoResult info = ctx.pgbackrest().info();
        if (info.reachable() && info.info().get().hasBackups()) {
            JobState.of("done", "first full backup", "the repository already holds backups").write(c.paths().runDir());
            out.info("the repository already holds backups: no first full backup needed");
            return ExitCodes.OK;
        }
        JobState.of("running", "first full backup", "").write(c.paths().runDir());
        out.info("taking the first full backup");
        Instant start = Instant.now();
        // WAL written before the stanza existed failed to archive, and after three failures PostgreSQL's
        // archiver waits 60 s, as long as pgBackRest's default wait for a segment: allow more.
        Result b = ctx.pgbackrest().backup("full", Optional.of("first"), line -> out.info("pgbackrest: " + line),
                "--archive-timeout=300");
        if (Locks.held(b)) {
            JobState.of("done", "first full backup", "another backup was already running").write(c.paths().runDir());
            out.info("skipped: backup already running");
            return ExitCodes.OK;
        }
        BackupRecord.ended(c.paths().runDir(), "full", !b.ok(), Instant.now());
        if (!b.ok()) {
            JobState.of("failed", "first full backup", PgBackRest.errorOf(b)).write(c.paths().runDir());
            out.error("the first full backup failed: " + PgBackRest.errorOf(b) + "\n"
                    + "fix: docker exec <container> pgctl check; then docker exec <container> pgctl backup full");
            return ExitCodes.FAILED;
        }
        JobState.of("done", "first full backup", "took " + Duration.between(start, Instant.now()).toSeconds() + " s")
                .write(c.paths().runDir());
        out.info("first full backup done in " + Duration.between(start, Instant.now()).toSeconds() + " s");
        return ExitCodes.OK;
    }

    /** See {@link ArchiverStats}: attempts made before the stanza existed are not failures. */
    private static void clearFailuresBeforeStanza(Context ctx, Out out) {
        var stats = ctx.postgres().value(ArchiverStats.QUERY).flatMap(ArchiverStats::parse);
        if (stats.isPresent() && stats.get().onlyFailuresBeforeFirstArchive()
                && ctx.postgres().query(ArchiverStats.RESET).ok()) {
            out.info("cleared " + stats.get().failed() + " archive attempt(s) made before the stanza existed from "
                    + "pg_stat_archiver (those WAL segments waited in pg_wal and are archived now)");
        }
    }

    private boolean serverIsFinal(Context ctx) {
        if (postmasterPid <= 0) {
            return true;
        }
        return ctx.postgres().postmasterPid().equals(Optional.of(postmasterPid));
    }
}
