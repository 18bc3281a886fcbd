package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.problem.Problem;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.fs.Files2;
import dev.pgctl.pgbackrest.HeldLines;
import dev.pgctl.pgbackrest.Locks;
import dev.pgctl.pgbackrest.OtherCluster;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoErrors;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.render.PostgresInclude;
import dev.pgctl.replica.ApplicationName;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "enable-backups", mixinStandardHelpOptions = true,
        description = {"Starts backups of a cluster that was created by the official postgres image (adopted: it "
                + "starts unchanged, and nothing is sent to S3 until you run this).",
            "",
            "Steps, each reported: 1. check the configuration and the repository (a stanza of another cluster is "
                    + "never touched); 2. create the stanza; 3. turn WAL archiving to S3 on (a reload, no restart); "
                    + "4. check a real archive round trip; 5. take the first full backup; 6. start the schedule.",
            "Running it again says backups are already enabled."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  backups are enabled (now or already)", "  1  a step failed (the output says which, and the fix)",
            "  3  no or invalid repository configuration: nothing changed",
            "  4  the repository holds another cluster's stanza: nothing changed", "  5  this node is a standby",
            "", "Example:", "  docker exec <container> pgctl enable-backups"})
public final class EnableBackupsCommand implements Callable<Integer> {

    private final Contexts contexts;

    public EnableBackupsCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws IOException {
        Context ctx = contexts.open("enable-backups");
        Out out = ctx.out();
        Config c = ctx.config();
        Path marker = DataDir.backupsPendingMarker(c.postgres().pgdata());
        if (c.role() == Config.Role.REPLICA && !ctx.postgres().ready()) {
            throw new PgctlException(ExitCodes.STANDBY, Problem.of("PGCTL_ROLE", "this node is a replica",
                    "backups are taken on the primary", "docker exec <primary container> pgctl enable-backups"));
        }
        if (!ctx.postgres().ready()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("postgresql", "is not running",
                    "enable-backups reloads PostgreSQL and takes a backup", "docker start <container>"));
        }
        if (ctx.postgres().inRecovery().orElse(false)) {
            throw new PgctlException(ExitCodes.STANDBY, Problem.of("postgresql", "is a standby (in recovery)",
                    "backups are taken on the primary", "docker exec <primary container> pgctl enable-backups"));
        }

        if (!Files.exists(marker)) {
            out.info("backups are already enabled for this cluster: pgctl status shows them");
            return ExitCodes.OK;
        }
        if (c.repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("enable-backups sends WAL and backups there" + "; set these on the container, recreate it, then run pgctl enable-backups"));
        }
        out.info("1/6 checking the repository");
        InfoResult info = ctx.pgbackrest().info();
        if (!info.reachable()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "cannot be read: " + info.error(),
                    "nothing was changed", RepoErrors.fixFor(info.error())));
        }
        RepoInfo ri = info.info().get();
        Optional<OtherCluster> other = OtherCluster.of(ri, ctx.postgres().systemId());
        if (other.isPresent()) {
            Config.Repo r = c.repo().get();
            throw new PgctlException(ExitCodes.UNSAFE, Problem.of("PGBACKREST_STANZA",
                    "the repository already holds stanza '" + c.stanza() + "' of another cluster (" + other.get().ids() + ")",
                    "its backups belong to that other cluster; pgctl does not touch them, and nothing was changed",
                    "give this cluster its own place, then run pgctl enable-backups again:",
                    "PGBACKREST_STANZA=" + other.get().ownStanza(c.stanza())
                            + "   (another stanza in the same bucket and path), or",
                    "PGBACKREST_REPO1_PATH=" + r.path() + "/" + c.stanza() + "-2   (another path in the bucket)"));
        }

        out.info("2/6 creating the stanza '" + c.stanza() + "'");
        Result sc = Stanza.create(ctx, out);
        if (!sc.ok()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("stanza-create", PgBackRest.errorOf(sc),
                    "nothing else was changed", RepoErrors.fixFor(PgBackRest.errorOf(sc))));
        }

        out.info("3/6 turning WAL archiving to S3 on (reload, no restart)");
        Files2 files = new Files2();
        files.write(c.paths().postgresInclude(), PostgresInclude.render(c, true, ApplicationName.of(c)), "rw-------");
        Files.delete(marker);
        if (ctx.postgres().value("select pg_reload_conf()").isEmpty()) {
            throw new PgctlException(ExitCodes.FAILED, "could not reload PostgreSQL; restart the container to finish");
        }

        out.info("4/6 checking a WAL archive round trip");
        Result chk = ctx.pgbackrest().check(line -> out.relay("pgbackrest", line));
        if (!chk.ok()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("archive round trip", PgBackRest.errorOf(chk),
                    "archiving is on, and WAL waits in pg_wal until it succeeds", RepoErrors.fixFor(PgBackRest.errorOf(chk))));
        }

        out.info("5/6 taking the first full backup");
        HeldLines lines = new HeldLines(line -> out.relay("pgbackrest", line));
        Result b = ctx.pgbackrest().backup("full", Optional.of("first"), lines);
        lines.release();
        if (!b.ok() && !Locks.held(b)) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("first full backup", PgBackRest.errorOf(b),
                    "archiving is on; the schedule will take a full backup", "docker exec <container> pgctl backup full"));
        }

        out.info("6/6 starting the backup schedule");
        if (!Services.schedulerRunning()) {
            Services.startScheduler(ctx.proc().isRoot(), c.paths().crontab(), c.paths().runDir(), out);
        }
        out.info("backups are enabled: WAL reaches S3 at least every " + c.archiveTimeoutSeconds()
                + " s; pgctl status shows the backups and the schedule");
        return ExitCodes.OK;
    }
}
