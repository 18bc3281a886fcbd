package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.config.DrillSettings;
import dev.pgctl.config.RestoreTarget;
import dev.pgctl.drill.DrillGate;
import dev.pgctl.drill.DrillLock;
import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.DrillResults;
import dev.pgctl.drill.DrillSpace;
import dev.pgctl.drill.DrillsText;
import dev.pgctl.drill.LowPriority;
import dev.pgctl.fs.Files2;
import dev.pgctl.json.Json;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.RunningBackup;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.restore.Drill;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {
            "A scheduled restore drill, run now: restores the latest backup into a new directory under PGCTL_DRILL_DIR "
                    + "(nice 19, idle I/O class, one pgBackRest process), starts a throwaway server there, lets it "
                    + "recover and promote, checks every page's checksum, runs amcheck (PGCTL_DRILL_AMCHECK) and your "
                    + "sanity queries (PGCTL_DRILL_SQL), removes the copy and keeps the result in PGCTL_DRILL_RESULTS "
                    + "(see pgctl drills, pgctl status).",
            "",
            "Before it starts, it checks that the backup fits under PGCTL_DRILL_DIR; on PGDATA's own disk it must also "
                    + "leave the cluster 10%% of the disk (at least 1 GiB). A drill that would not fit is skipped with a "
                    + "warning and recorded as skipped.",
            "",
            "It does not start on a standby, while a backup runs, or while another drill runs; a backup that starts "
                    + "during a drill is not held up (the drill only reads the repository)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the drill passed (--scheduled: or was skipped, said in one line)",
            "  1  the drill failed: the output and pgctl drills say what (a failed sanity query is named)",
            "  3  invalid configuration", "  4  it would not fit under PGCTL_DRILL_DIR: skipped, nothing written",
            "  5  this node is a standby", "  8  a backup or another drill is running",
            "", "Examples:", "  docker exec <container> pgctl drill", "  docker exec <container> pgctl drill --json"})
public final class DrillCommand implements Callable<Integer> {
    private static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("'drill-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--scheduled", description = "Run as the scheduled job (cron): a drill that may not start now "
            + "logs one line and exits 0.")
    boolean scheduled;

    @Option(names = "--repo", paramLabel = "N", description = "With a second repository: drill the latest backup of "
            + "repository N (1 or 2). Default: the latest backup of all, as pgBackRest finds it.")
    Integer repo;

    @Mixin
    JsonOption json;

    private final Contexts contexts;

    public DrillCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws IOException {
        Context ctx = contexts.open("drill");
        Config c = ctx.config();
        Out out = json.on() ? ctx.out().logsToStderr() : ctx.out();
        if (c.repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("a drill restores a backup from the repository"));
        }
        PgBackRest pgbackrest = RepoOption.pgbackrest(ctx, repo, "pgctl drill");
        DrillSettings d = c.drill();
        boolean pending = Files.exists(DataDir.backupsPendingMarker(c.postgres().pgdata()));
        boolean standby = ctx.postgres().inRecovery().orElse(c.role() == Config.Role.REPLICA);
        try (DrillLock lock = DrillLock.tryTake(c.paths().runDir())) {
            Optional<DrillGate.Stop> stop = DrillGate.check(pending, standby, !lock.held(),
                    RunningBackup.find(c.stanza()).map(RunningBackup::describe));
            if (stop.isPresent()) {
                return stopped(out, stop.get());
            }
            Instant started = Instant.now();
            InfoResult info = pgbackrest.info();
            Optional<RepoInfo.Backup> latest = info.info().flatMap(RepoInfo::latest);
            if (scheduled && info.reachable() && latest.isEmpty()) {
                out.info("skipped: the repository holds no backup yet");
                return ExitCodes.OK;
            }
            DrillResults results = new DrillResults(d.results());
            if (latest.isPresent()) {
                Optional<String> tooBig = fits(c, latest.get().size());
                if (tooBig.isPresent()) {
                    String why = "drill skipped: " + tooBig.get();
                    out.warn(why + "\nfix: PGCTL_DRILL_DIR=<a directory on a volume with room>, or free space under "
                            + d.dir());
                    DrillRecord r = new DrillRecord(started.toString(), Instant.now().toString(), DrillRecord.SKIPPED,
                            scheduled, Optional.of(latest.get().label()), Optional.empty(), 0, 0, 0,
                            Optional.of(latest.get().size()), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), List.of(tooBig.get()));
                    results.store(r, DrillSettings.KEEP);
                    if (json.on()) {
                        ctx.out().stdout().println(Json.pretty(r));
                    }
                    return scheduled ? ExitCodes.OK : ExitCodes.UNSAFE;
                }
            }
            new Files2().directory(d.dir(), "rwx------");
            removeLeftovers(d.dir(), out);
            Path dir = d.dir().resolve(DIR_NAME.format(started));
            Drill.Checks checks = new Drill.Checks(LowPriority.prefix(onPath("nice"), onPath("ionice")),
                    Optional.of(LowPriority.PROCESS_MAX), d.amcheck(), d.queries(), d.database());
            Drill.Report report = new Drill(c, ctx.proc(), pgbackrest, out, dir, RestoreTarget.latest(), false,
                    json.on(), checks).run();
            DrillRecord r = new DrillRecord(started.toString(), Instant.now().toString(),
                    report.ok() ? DrillRecord.PASSED : DrillRecord.FAILED, scheduled, report.backup(), report.recoveredTo(),
                    report.restoreSeconds(), report.recoverySeconds(), report.totalSeconds(), report.sizeBytes(),
                    report.checksumBlocks(), report.checksumFailures(), report.amcheck(), report.queries(),
                    report.failures());
            Path file = results.store(r, DrillSettings.KEEP);
            if (json.on()) {
                ctx.out().stdout().println(Json.pretty(r));
            } else {
                out.info("drill " + DrillsText.line(r));
                out.info("result kept in " + file);
            }
            return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private int stopped(Out out, DrillGate.Stop stop) {
        if (scheduled) {
            out.info("skipped: " + stop.why());
            return ExitCodes.OK;
        }
        switch (stop.reason()) {
            case PENDING -> throw new PgctlException(ExitCodes.CONFIG, Problem.of("pgctl enable-backups", stop.why(),
                    "a drill restores a backup of this cluster", Fixes.enableBackups()));
            case STANDBY -> throw new PgctlException(ExitCodes.STANDBY, Problem.of("PGCTL_ROLE", stop.why(),
                    "the primary's schedule drills its backups", "docker exec <primary container> pgctl drill"));
            default -> throw new PgctlException(ExitCodes.BUSY, Problem.of("pgctl drill", stop.why(),
                    "a drill does not compete with a backup or another drill for disk and network",
                    "pgctl drill   # again when it has finished"));
        }
    }

    /** Why the backup does not fit under PGCTL_DRILL_DIR, or empty ({@link DrillSpace}). */
    private static Optional<String> fits(Config c, long backupBytes) throws IOException {
        Path existing = c.drill().dir();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        FileStore store = Files.getFileStore(existing);
        boolean same = store.equals(Files.getFileStore(c.postgres().pgdata()));
        return DrillSpace.skip(backupBytes, store.getUsableSpace(), store.getTotalSpace(), same);
    }

    /**
     * Removes what an interrupted drill (a container stopped during it) left under PGCTL_DRILL_DIR: only this
     * command's own drill-* directories, only while it holds the drill lock, and never one whose server still runs.
     */
    private static void removeLeftovers(Path drillDir, Out out) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(drillDir)) {
            leftovers = s.filter(p -> p.getFileName().toString().matches("drill-\\d{8}T\\d{6}Z")
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path p : leftovers) {
            if (Drill.serverRuns(p)) {
                out.warn("drill: " + p + " holds a running server: left alone");
                continue;
            }
            out.info("drill: removing " + p + ", left by an interrupted drill");
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
