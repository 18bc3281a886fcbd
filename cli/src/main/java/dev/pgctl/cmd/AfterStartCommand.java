package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pg.ArchiverStats;
import dev.pgctl.pgbackrest.Locks;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.PgBackRest.Infos;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.replica.ReplicationRole;
import dev.pgctl.ui.Out;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        // read before the stanza exists: whether this cluster had ever archived (see ArchiverStats)
        Optional<ArchiverStats> beforeStanza = archiverStats(ctx);
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

        Infos infos = ctx.pgbackrest().infos();
        List<Integer> targets = firstFullTargets(c.repoNumbers(), infos);
        if (targets.isEmpty()) {
            JobState.of("done", "first full backup", "the repository already holds backups").write(c.paths().runDir());
            out.info("the repository already holds backups: no first full backup needed");
            return ExitCodes.OK;
        }
        List<String> done = new ArrayList<>();
        for (int n : targets) {
            // with a second repository, the first full backup goes to each repository that holds none (README
            // "Second repository"), one after the other: pgBackRest takes one backup of a stanza at a time
            Optional<Integer> repo = c.repo2().isPresent() ? Optional.of(n) : Optional.empty();
            Integer rc = firstFull(ctx, out, repo, beforeStanza);
            if (rc != null) {
                return rc;
            }
            repo.ifPresent(x -> done.add("repo" + x));
        }
        if (!done.isEmpty()) {
            JobState.of("done", "first full backup", "in " + String.join(" and ", done)).write(c.paths().runDir());
        }
        return ExitCodes.OK;
    }

    /**
     * The repositories a new cluster's first full backup goes to: with one repository, it unless it holds backups;
     * with two, each that holds none (a repository that cannot be read too: its backup then fails and says why).
     * Pure.
     */
    static List<Integer> firstFullTargets(List<Integer> repos, Infos infos) {
        if (repos.size() <= 1) {
            InfoResult info = infos.all();
            return info.reachable() && info.info().get().hasBackups() ? List.of() : List.of(1);
        }
        return repos.stream().filter(n -> {
            InfoResult one = infos.byRepo().get(n);
            return one == null || !one.reachable() || !one.info().get().hasBackups();
        }).toList();
    }

    /** One first full backup (to {@code repo}, when given); null when done, else the exit code to end with. */
    private static Integer firstFull(Context ctx, Out out, Optional<Integer> repo, Optional<ArchiverStats> beforeStanza) {
        Config c = ctx.config();
        String where = repo.map(n -> " to repo" + n).orElse("");
        JobState.of("running", "first full backup" + where, "").write(c.paths().runDir());
        out.info("taking the first full backup" + where);
        Instant start = Instant.now();
        // WAL written before the stanza existed failed to archive, and after three failures PostgreSQL's
        // archiver waits 60 s, as long as pgBackRest's default wait for a segment: allow more.
        String[] extra = repo.map(n -> new String[] {"--archive-timeout=300", "--repo=" + n})
                .orElse(new String[] {"--archive-timeout=300"});
        Result b = ctx.pgbackrest().backup("full", Optional.of("first"), line -> out.relay("pgbackrest", line), extra);
        if (Locks.held(b)) {
            JobState.of("done", "first full backup" + where, "another backup was already running").write(c.paths().runDir());
            out.info("skipped: backup already running");
            return ExitCodes.OK;
        }
        Duration took = Duration.between(start, Instant.now());
        if (!b.ok()) {
            BackupCommand.record(ctx, rec -> rec.failed("full", Instant.now(),
                    "pgBackRest exit " + b.exitCode() + ": " + PgBackRest.errorOf(b), true));
            JobState.of("failed", "first full backup" + where, PgBackRest.errorOf(b)).write(c.paths().runDir());
            out.event(Out.Level.ERROR, "the first full backup" + where + " failed: " + PgBackRest.errorOf(b) + "\n"
                    + "fix: docker exec <container> pgctl check; then docker exec <container> pgctl backup full"
                    + repo.map(n -> " --repo " + n).orElse(""),
                    () -> Out.Event.of("first-backup.failed").with("type", "full").duration(took)
                            .with("exit_code", b.exitCode()).with("error", PgBackRest.errorOf(b)));
            return ExitCodes.FAILED;
        }
        BackupCommand.record(ctx, rec -> rec.succeeded("full", Instant.now()));
        beforeStanza.ifPresent(before -> clearFailuresBeforeArchivingWorked(ctx, out, before));
        JobState.of("done", "first full backup" + where, "took " + took.toSeconds() + " s").write(c.paths().runDir());
        out.event(Out.Level.INFO, "first full backup" + where + " done in " + took.toSeconds() + " s",
                () -> BackupCommand.doneEvent("first-backup.done", ctx, "full", b, took));
        return null;
    }

    private static Optional<ArchiverStats> archiverStats(Context ctx) {
        return ctx.postgres().value(ArchiverStats.QUERY).flatMap(ArchiverStats::parse);
    }

    /**
     * See {@link ArchiverStats}: once the first full backup has shown that archiving works, attempts that failed
     * before it did (before the stanza existed, or the spool's last error reported once more) are not failures.
     */
    private static void clearFailuresBeforeArchivingWorked(Context ctx, Out out, ArchiverStats beforeStanza) {
        var now = archiverStats(ctx);
        if (now.isPresent() && ArchiverStats.onlyFailuresBeforeArchivingWorked(beforeStanza, now.get())
                && ctx.postgres().query(ArchiverStats.RESET).ok()) {
            out.info("cleared " + now.get().failed() + " archive attempt(s) made before the stanza existed from "
                    + "pg_stat_archiver (those WAL segments waited in pg_wal and were archived since)");
        }
    }

    private boolean serverIsFinal(Context ctx) {
        if (postmasterPid <= 0) {
            return true;
        }
        return ctx.postgres().postmasterPid().equals(Optional.of(postmasterPid));
    }
}
