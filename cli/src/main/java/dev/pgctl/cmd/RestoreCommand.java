package dev.pgctl.cmd;

import dev.pgctl.json.Json;
import dev.pgctl.ui.Units;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.restore.Drill;
import dev.pgctl.restore.InPlaceRestore;
import dev.pgctl.config.RestoreTarget;
import dev.pgctl.ui.Out;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    /** At most one of them: picocli refuses two (exit 2). */
    static final class Target {
        @Option(names = "--time", paramLabel = "TIME", description = "Recover to this time (with a zone, e.g. '2026-11-22 03:10:00+00').")
        String time;

        @Option(names = "--name", paramLabel = "NAME", description = "Recover to this restore point (pg_create_restore_point).")
        String name;

        @Option(names = "--lsn", paramLabel = "LSN", description = "Recover to this LSN.")
        String lsn;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target = new Target();

    @Option(names = "--set", paramLabel = "LABEL", description = "Restore this backup (see pgctl status); alone: up to its end.")
    String set;

    @Option(names = {"-v", "--verbose"}, description = "On a terminal, show pgBackRest's lines as they come too "
            + "(without a terminal they are always shown; on a terminal they are shown when the restore fails).")
    boolean verbose;

    @Option(names = "--keep", description = "Leave the stopped drill cluster in DIR instead of removing it.")
    boolean keep;

    @Option(names = "--repo", paramLabel = "N", description = "With --to and a second repository: restore from "
            + "repository N (1 or 2) alone; the target is checked against its backups. Default: whichever pgBackRest "
            + "finds the backup in, repo1 first.")
    Integer repo;

    @Mixin
    JsonOption json;

    @Mixin
    YesOption yes;

    @Override
    public Integer call() throws Exception {
        Context ctx = Context.load("restore");
        if (to == null) {
            if (json.on() || keep || repo != null) {
                throw new PgctlException(ExitCodes.USAGE, "--json, --keep and --repo are for restore drills (--to DIR); "
                        + "an in-place restore takes the backup from the repository with the newest one that can be read "
                        + "(PGCTL_RESTORE_REPO can insist on one)");
            }
            String container = System.getenv().getOrDefault("HOSTNAME", "<container>");
            new InPlaceRestore(ctx.config(), ctx.proc(), ctx.postgres(), ctx.pgbackrest(), ctx.out(),
                    Fixes.enableBackups(), container).run(target(), yes.given(), "pgctl restore" + cliTarget());
            return ExitCodes.OK;
        }
        RestoreTarget t = target();
        Drill drill = new Drill(ctx.config(), ctx.proc(), RepoOption.pgbackrest(ctx, repo, "pgctl restore --to " + to),
                json.on() ? ctx.out().logsToStderr() : ctx.out(), to, t, keep, json.on()).verbose(verbose);
        Drill.Report report = drill.run();
        if (json.on()) {
            ctx.out().stdout().println(Json.pretty(report));
        } else {
            print(ctx.out(), report, drill.dir());
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The target options, through the same checks as PGCTL_RESTORE_TARGET_* (exit 3 naming the option). */
    private RestoreTarget target() {
        List<Problem> problems = new ArrayList<>();
        RestoreTarget t = RestoreTarget.fromCommandLine(target.time, target.name, target.lsn, set, problems::add);
        if (!problems.isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, "invalid restore target", problems);
        }
        return t;
    }

    /** The target options as given, for the command the confirmation names. */
    private String cliTarget() {
        StringBuilder sb = new StringBuilder();
        if (target.time != null) {
            sb.append(" --time '").append(target.time).append("'");
        }
        if (target.name != null) {
            sb.append(" --name '").append(target.name).append("'");
        }
        if (target.lsn != null) {
            sb.append(" --lsn ").append(target.lsn);
        }
        if (set != null) {
            sb.append(" --set ").append(set);
        }
        return sb.toString();
    }

    /** "5 s (restore 4 s, 46.7 MiB/s; recovery 0 s)": the restore's throughput is the restored size over its time. */
    static String took(Drill.Report d) {
        String rate = d.sizeBytes().filter(b -> d.restoreSeconds() > 0)
                .map(b -> ", " + Units.bytes(b / d.restoreSeconds()) + "/s").orElse("");
        return d.totalSeconds() + " s (restore " + d.restoreSeconds() + " s" + rate + "; recovery " + d.recoverySeconds() + " s)";
    }

    private static void print(Out o, Drill.Report d, Path dir) {
        o.stdout().println((d.ok() ? o.green("drill passed") : o.red("drill FAILED")) + ": " + d.target());
        d.backup().ifPresent(b -> o.stdout().println("  backup          " + b));
        o.stdout().println("  recovered to    " + d.recoveredTo().orElse("the end of the backup (no transaction replayed)"));
        d.databases().ifPresent(n -> o.stdout().println("  databases       " + n + ", " + Units.bytes(d.sizeBytes().orElse(0L))));
        d.checksumsEnabled().ifPresent(on -> o.stdout().println("  data checksums  " + (on
                ? d.checksumBlocks().orElse(0L) + " blocks checked, " + d.checksumFailures().orElse(0L) + " bad"
                : "not enabled in this cluster")));
        o.stdout().println("  took            " + took(d));
        d.error().ifPresent(e -> o.stdout().println("  error           " + e));
        o.stdout().println("  " + dir + " and the throwaway server are gone");
    }
}
