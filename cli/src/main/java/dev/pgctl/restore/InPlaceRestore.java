package dev.pgctl.restore;

import dev.pgctl.config.RestoreTarget;
import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.pg.Postgres;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.RestoreTargets;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.restore.Preconditions.Kind;
import dev.pgctl.config.RestoreTarget.Names;
import dev.pgctl.ui.Confirm;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The in-place restore of the container's own cluster, as far as this start goes: check, confirm,
 * archive everything written, record the {@link InPlaceRequest} in PGDATA and stop PostgreSQL. The
 * next start's bootstrap restores. Whatever refuses throws before anything is changed.
 *
 * @param enableCommand how to enable backups, for the refusal when they are not enabled yet
 * @param container     the container's name (or id) for the commands the output shows
 */
public record InPlaceRestore(Config config, Proc proc, Postgres postgres, PgBackRest pgbackrest, Out out,
        String enableCommand, String container) {

    /**
     * @param yes     do not ask (--yes)
     * @param command the command line that does the same with --yes, for the refusal without a terminal
     */
    public void run(RestoreTarget target, boolean yes, String command) throws IOException {
        Preconditions.require(Preconditions.configured(Kind.IN_PLACE, config.repo().isPresent()));
        Path pgdata = config.postgres().pgdata();
        boolean running = postgres.ready();
        boolean standby = running && postgres.inRecovery().orElse(false);
        boolean pending = running && !standby && Files.exists(DataDir.backupsPendingMarker(pgdata));
        Preconditions.require(Preconditions.server(running, standby, pending, enableCommand));
        Preconditions.require(Preconditions.repository(Kind.IN_PLACE, pgbackrest.info(), target, Names.CLI, Instant.now()));
        Confirm.require(out, yes, "In-place restore of " + pgdata + " to " + target.describe() + ".\n"
                + "PostgreSQL stops now, and the container with it; at its next start the cluster is restored from the "
                + "repository. Everything written after the target is lost.", command);

        // Everything written so far must be in the repository, or a restore to "latest" would lose it;
        // when that cannot be established, this throws and PostgreSQL keeps running.
        String segment = WalArchiving.archiveEverythingWritten(postgres, Duration.ofSeconds(120), container);
        out.info("every WAL segment up to " + segment + " is in the repository");
        Path request = DataDir.restoreRequest(pgdata);
        Files.writeString(request, InPlaceRequest.request(Instant.now(), target.describe(), RestoreTargets.options(target)));
        out.info("recorded the restore request in " + request + "\n"
                + "PostgreSQL stops now, and the container with it. Start it again to restore:\n"
                + "  docker start " + container + " && docker logs -f " + container + "\n"
                + "(with a restart policy such as unless-stopped, it restarts and restores by itself)");
        Result stop = proc.run(Spec.of(Duration.ofSeconds(30), "pg_ctl", "stop", "-D", pgdata.toString(),
                "-m", "fast", "--no-wait").asPostgres());
        if (!stop.ok()) {
            Files.deleteIfExists(request);
            throw new PgctlException(ExitCodes.FAILED, Problem.of("pg_ctl stop", stop.diagnostic(),
                    "the request was withdrawn; nothing was changed", "docker logs " + container));
        }
    }
}
