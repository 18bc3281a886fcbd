package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.pg.ReplicationQueries;
import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.status.ReplicationText;
import dev.pgctl.ui.Confirm;
import dev.pgctl.ui.Out;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replica", mixinStandardHelpOptions = true,
        description = {"Streaming replication: where this node stands, and promoting a standby.",
            "",
            "A replica (PGCTL_ROLE=replica) copies its primary (PGCTL_PRIMARY_HOST) with pg_basebackup on first start, "
                    + "over SSL, then follows it as a read-only hot standby. It never runs pgBackRest: backups are "
                    + "taken on the primary."},
        subcommands = {ReplicaCommand.Status.class, ReplicaCommand.Promote.class},
        footer = {"", "Examples:", "  docker exec <replica> pgctl replica status",
            "  docker exec <primary> pgctl replica status --json", "  docker exec -it <replica> pgctl replica promote"})
public final class ReplicaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /**
     * Without a subcommand: the status (picocli's instance, with its defaults). Called directly, so that its
     * errors reach pgctl's one exception handler.
     */
    @Override
    public Integer call() throws Exception {
        return ((Status) spec.subcommands().get("status").getCommand()).call();
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"On a standby: its primary, the stream's state, the replay lag in bytes and seconds, and its slot. "
                    + "On a primary: the connected replicas with their lag, and the replication slots."},
            footerHeading = "%nExit codes:%n",
            footer = {"  0  shown", "  1  PostgreSQL is not running", "  7  this standby is not streaming from its primary"})
    static final class Status implements Callable<Integer> {
        @Mixin
        JsonOption json;

        private final Contexts contexts;

        Status(Contexts contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() throws Exception {
            Context ctx = contexts.open("replica");
            ReplicationReport r = ReplicationQueries.read(ctx.postgres()).orElseThrow(() -> new PgctlException(ExitCodes.FAILED,
                    Problem.of("postgresql", "does not answer on " + ctx.config().postgres().socketDir(),
                            "replication state is read from the running server", "docker logs <container>")));
            json.print(ctx.out(), r, () -> ReplicationText.render(r, ctx.out()));
            boolean broken = r.upstream().map(u -> !u.state().equals("streaming")).orElse(false);
            return broken ? ExitCodes.UNHEALTHY : ExitCodes.OK;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Promotes this standby to a primary that accepts writes.",
                "",
                "Backups stay off on the promoted node: pgctl never lets two primaries archive into one stanza on its "
                        + "own. When the old primary is gone for good (or this node gets its own PGBACKREST_STANZA or "
                        + "PGBACKREST_REPO1_PATH), start them with the command this prints: pgctl enable-backups.",
                "Asks for confirmation on a terminal; scripts pass --yes."},
            footerHeading = "%nExit codes:%n",
            footer = {"  0  promoted", "  1  the promotion failed or was not confirmed",
                "  2  no terminal to ask on and no --yes", "  5  this node is not a standby"})
    static final class Promote implements Callable<Integer> {
        @Mixin
        YesOption yes;

        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
                description = "How long to wait for the promotion to finish (default: ${DEFAULT-VALUE}).")
        int waitSeconds;

        private final Contexts contexts;

        Promote(Contexts contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() throws Exception {
            Context ctx = contexts.open("replica");
            Out out = ctx.out();
            Config c = ctx.config();
            if (!ctx.postgres().ready()) {
                throw new PgctlException(ExitCodes.FAILED, Problem.of("postgresql", "is not running",
                        "only a running standby can be promoted", "docker start <container>"));
            }
            if (!ctx.postgres().inRecovery().orElse(false)) {
                throw new PgctlException(ExitCodes.STANDBY, Problem.of("postgresql", "is not a standby: it is a primary already",
                        "there is nothing to promote", "docker exec <container> pgctl status"));
            }
            Confirm.require(out, yes.given(), "This standby stops following " + c.replication().primaryHost().orElse("its primary")
                    + " and becomes a primary that accepts writes. The old primary, if it still runs, no longer "
                    + "reaches this node.", "pgctl replica promote");
            // Backups stay off until the user says so: the marker keeps archive_command off across restarts too.
            Path marker = DataDir.backupsPendingMarker(c.postgres().pgdata());
            Files.writeString(marker, "Written by pgctl replica promote. `pgctl enable-backups` removes it.\n");
            var r = ctx.postgres().value("select pg_promote(true, " + waitSeconds + ")");
            if (!r.equals(Optional.of("t"))) {
                throw new PgctlException(ExitCodes.FAILED, Problem.of("pg_promote",
                        "the promotion did not finish within " + waitSeconds + " s",
                        "the server may still be promoting", "docker logs <container>; then pgctl replica status"));
            }
            out.info("promoted: this node is a primary and accepts writes. Backups are OFF on it.\n"
                    + "next steps:\n"
                    + "  1. set PGCTL_ROLE=primary for this container (and drop PGCTL_PRIMARY_HOST) before it is recreated\n"
                    + "  2. make sure the old primary no longer archives into stanza '" + c.stanza() + "' (stop it), or give "
                    + "this node its own PGBACKREST_STANZA or PGBACKREST_REPO1_PATH\n"
                    + "  3. start backups here: " + Fixes.enableBackups());
            return ExitCodes.OK;
        }
    }
}
