package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config.Role;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.notify.Notifier;
import dev.pgctl.pgbackrest.BackupRecord;
import dev.pgctl.pgbackrest.Expired;
import dev.pgctl.pgbackrest.HeldLines;
import dev.pgctl.pgbackrest.Locks;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.pgbackrest.RunningBackup;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.status.BackupSummary;
import dev.pgctl.ui.Out;
import dev.pgctl.ui.Relay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {
            "Takes a backup of this primary into the S3 repository with pgBackRest (with a second repository: into "
                    + "repo1, or with --repo 2 into the second one); expired backups are removed afterwards according to "
                    + "that repository's retention. Cron runs the same command on schedule.",
            "",
            "TYPE is full (everything), diff (changes since the last full) or incr (changes since the last backup)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the backup was taken (--scheduled: or skipped, another backup is running)",
            "  1  pgBackRest failed", "  2  wrong command line", "  3  invalid configuration",
            "  5  this node is a standby", "  8  --no-wait and another backup is running: nothing was taken",
            "",
            "Started by hand, a backup that finds another backup running waits for it",
            "(saying so; on a terminal with the running backup's progress), then takes",
            "the backup asked for; --no-wait refuses instead (exit 8).",
            "With --scheduled (cron), a full or diff backup waits for it (up to 60 min,",
            "then it is skipped); an incr logs 'skipped: backup already running'.",
            "Skipped scheduled jobs exit 0.",
            "", "Examples:", "  pgctl backup full --label before-upgrade", "  pgctl backup incr --no-wait"})
public final class BackupCommand implements Callable<Integer> {

    enum Type { full, diff, incr }

    @Parameters(index = "0", paramLabel = "TYPE", description = "full, diff or incr")
    Type type;

    @Option(names = "--label", paramLabel = "TEXT", description = "A label stored with the backup (pgBackRest annotation pgctl-label).")
    String label;

    @Option(names = "--scheduled", description = "Run as a scheduled job (cron): on a standby, log and exit 0; "
            + "see below for a running backup.")
    boolean scheduled;

    @Option(names = "--repo", paramLabel = "N", description = "With a second repository: back up to repository N "
            + "(1 or 2; README \"Second repository\"). Default: 1, as pgBackRest does.")
    Integer repo;

    @Option(names = {"-v", "--verbose"}, description = "On a terminal, show pgBackRest's lines as they come too "
            + "(without a terminal they are always shown).")
    boolean verbose;

    @Option(names = "--no-wait", description = "When another backup is running, do not wait for it: exit 8 at once, "
            + "taking nothing.")
    boolean noWait;

    private final Contexts contexts;

    public BackupCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        if (scheduled && noWait) {
            throw new PgctlException(ExitCodes.USAGE, Problem.of("--no-wait", "is for backups started by hand",
                    "a scheduled job follows the schedule's rules: an incr is skipped, a full or diff waits up to "
                            + BackupWait.SCHEDULED_LIMIT.toMinutes() + " min",
                    "pgctl backup " + type + " --no-wait"));
        }
        Context ctx = contexts.open("backup");
        Out out = ctx.out();
        if (ctx.config().repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("pgctl backs up to S3 with pgBackRest"));
        }
        RepoOption.check(ctx.config(), repo, "pgctl backup " + type);
        if (Files.exists(DataDir.backupsPendingMarker(ctx.config().postgres().pgdata()))) {
            if (scheduled) {
                out.info("skipped: backups are not enabled for this cluster yet");
                return ExitCodes.OK;
            }
            throw new PgctlException(ExitCodes.CONFIG, Problem.of("pgctl enable-backups",
                    "backups are not enabled for this cluster yet (it was created without pgctl)",
                    "enable-backups creates the stanza, turns WAL archiving on and takes the first full backup",
                    Fixes.enableBackups()));
        }
        // what the server says; when it is down, what the role says (a promoted replica backs up once enabled)
        boolean standby = ctx.postgres().inRecovery().orElse(ctx.config().role() == Role.REPLICA);
        if (standby) {
            String msg = "this node is a standby: backups are taken on the primary";
            if (scheduled) {
                out.info("skipped: " + msg);
                return ExitCodes.OK;
            }
            throw new PgctlException(ExitCodes.STANDBY, Problem.of("PGCTL_ROLE", msg,
                    "pgBackRest backs up the primary of the stanza", "docker exec <primary container> pgctl backup " + type));
        }
        String job = JobState.read(ctx.config().paths().runDir()).map(JobState::state).orElse("");
        if (BackupWait.leaveToAfterStart(scheduled, job, Services.afterStartRunning())) {
            out.info("skipped: the after-start job is still preparing the stanza and the first full backup");
            return ExitCodes.OK;
        }
        try {
            ensureStanza(ctx, out);
        } catch (PgctlException e) {
            record(ctx, rec -> rec.failed(type.name(), Instant.now(), e.getMessage(), scheduled));
            throw e;
        }
        Instant start = Instant.now();
        Instant lastSaid = null;
        while (true) {
            Relay relay = Relay.of(out, "pgbackrest", verbose);
            HeldLines lines = new HeldLines(relay, () -> out.info("starting " + what()));
            Instant attempt = Instant.now();
            Result r;
            try (BackupProgress progress = BackupProgress.start(ctx, out, type + " backup")) {
                r = repo == null ? ctx.pgbackrest().backup(type.name(), Optional.ofNullable(label), lines)
                        : ctx.pgbackrest().backup(type.name(), Optional.ofNullable(label), lines, "--repo=" + repo);
            }
            Duration waited = Duration.between(start, Instant.now());
            BackupWait.Action action = BackupWait.decide(scheduled, type == Type.incr, noWait, Locks.held(r), waited);
            if (action == BackupWait.Action.RUN) {
                lines.release();
                Duration took = Duration.between(attempt, Instant.now());
                if (!r.ok()) {
                    out.event(Out.Level.ERROR, "the " + type + " backup failed (pgBackRest exit " + r.exitCode() + "): "
                            + PgBackRest.errorOf(r)
                            + "\nfix: docker exec <container> pgctl check   # shows which part of the configuration is wrong",
                            () -> Out.Event.of("backup.failed").with("type", type.name()).with("pgctl_label", label)
                                    .duration(took).with("exit_code", r.exitCode()).with("error", PgBackRest.errorOf(r)));
                    relay.replay();
                    record(ctx, rec -> rec.failed(type.name(), Instant.now(),
                            "pgBackRest exit " + r.exitCode() + ": " + PgBackRest.errorOf(r), scheduled));
                    return ExitCodes.FAILED;
                }
                String waitedFor = lastSaid == null ? "" : " (after waiting " + minutes(Duration.between(start, attempt))
                        + " for the running backup)";
                if (Relay.summary(out)) {
                    out.info(summary(ctx, type + " backup" + (repo == null ? "" : " to repo" + repo), r, took) + (lastSaid == null ? ""
                            : "\n  waited      " + minutes(Duration.between(start, attempt)) + " for the running backup"));
                } else {
                    out.event(Out.Level.INFO, type + " backup" + (repo == null ? "" : " to repo" + repo) + " done in "
                            + took.toSeconds() + " s" + waitedFor,
                            () -> doneEvent("backup.done", ctx, type.name(), r, took).with("pgctl_label", label));
                }
                record(ctx, rec -> rec.succeeded(type.name(), Instant.now()));
                new Notifier(ctx.config(), Notifier.hostName(), out::info, out::warn, Clock.systemUTC()).afterBackup();
                return scheduled ? pruneAfter(ctx, out) : ExitCodes.OK;
            }
            lines.discard();
            String running = RunningBackup.find(ctx.config().stanza()).map(b -> " (" + b.describe() + ")").orElse("");
            switch (action) {
                case SKIP -> {
                    out.info("skipped: backup already running" + running);
                    return ExitCodes.OK;
                }
                case REFUSE -> throw new PgctlException(ExitCodes.BUSY, Problem.of("pgctl backup " + type + " --no-wait",
                        "another backup is running" + running + ", so this " + type + " backup was not taken",
                        "pgBackRest takes one backup of a stanza at a time",
                        "pgctl backup " + type + (label == null ? "" : " --label '" + label + "'")
                                + "   # without --no-wait it waits for the running backup, then takes this one"));
                default -> { }
            }
            if (lastSaid == null) {
                out.info("waiting: another backup is running" + running + "; this " + type + " backup"
                        + (label == null ? "" : " labelled '" + label + "'") + " starts when it ends"
                        + (scheduled ? " (up to " + BackupWait.SCHEDULED_LIMIT.toMinutes() + " min)"
                                : "; --no-wait refuses instead"));
                lastSaid = Instant.now();
            } else if (!out.redraws() && Duration.between(lastSaid, Instant.now()).compareTo(REMIND) >= 0) {
                out.info("still waiting for the running backup" + running + ": waited " + minutes(waited));
                lastSaid = Instant.now();
            }
            try (BackupProgress progress = BackupProgress.start(ctx, out, "waiting for the running backup", start)) {
                sleep(POLL);
            }
        }
    }

    /**
     * Updates pgctl's record of its backups (the backup_failed alert fires from it). A record that cannot be written
     * is a warning: the backup's own outcome stands.
     */
    /**
     * After a scheduled backup, with PGCTL_RETENTION set: pgctl prune. Its failure does not undo the backup (it is
     * in the repository and recorded as a success); the job exits 1 with the error, so cron's log and the job's
     * exit say it.
     */
    private static int pruneAfter(Context ctx, Out out) {
        if (ctx.config().repo().flatMap(r -> r.calendar()).isEmpty()) {
            return ExitCodes.OK;
        }
        try {
            Prune.Outcome o = new Prune(ctx).run(false, out::info);
            out.info("prune (" + o.policy() + "): " + (o.expired().isEmpty() ? "nothing to expire"
                    : "expired " + String.join(", ", o.expired())));
            return ExitCodes.OK;
        } catch (PgctlException e) {
            if (e.exitCode() == ExitCodes.BUSY) {
                out.info("prune skipped: a restore drill runs (it may be restoring a backup the prune would expire); "
                        + "the next scheduled backup prunes");
                return ExitCodes.OK;
            }
            out.error("the backup is done, but pgctl prune after it failed: "
                    + (e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).render()));
            return ExitCodes.FAILED;
        } catch (IOException e) {
            out.error("the backup is done, but pgctl prune after it failed: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    static void record(Context ctx, UnaryOperator<BackupRecord> change) {
        Path runDir = ctx.config().paths().runDir();
        try {
            change.apply(BackupRecord.read(runDir)).write(runDir);
        } catch (IOException | RuntimeException e) {
            ctx.out().warn("could not update " + runDir.resolve(BackupRecord.FILE) + " (" + e.getClass().getSimpleName()
                    + "): the backup_failed alert does not know of this backup");
        }
    }

    /**
     * The event of a backup that pgBackRest finished: its type, how long it took, and the label its output
     * names with the sizes the repository lists for it ({@code bytes}: the database size it covers;
     * {@code repo_bytes}: what this backup added to the repository). Asks pgBackRest (info), so only JSON
     * lines build it ({@link Out#event}); a field the repository cannot tell is left out.
     */
    static Out.Event doneEvent(String event, Context ctx, String type, Result r, Duration took) {
        Optional<String> label = PgBackRest.newLabel(r.stdout() + "\n" + r.stderr());
        Optional<RepoInfo.Backup> b = label.flatMap(l -> ctx.pgbackrest().info().info().flatMap(i -> i.backup(l)));
        return Out.Event.of(event).with("type", type).label(label).duration(took)
                .bytes(b.map(RepoInfo.Backup::size)).with("repo_bytes", b.map(RepoInfo.Backup::repoSize));
    }

    /** The summary of a backup that pgBackRest finished, for a terminal ({@link BackupSummary}). */
    static String summary(Context ctx, String what, Result r, Duration took) {
        String output = r.stdout() + "\n" + r.stderr();
        Optional<String> label = PgBackRest.newLabel(output);
        Optional<RepoInfo.Backup> b = label.flatMap(l -> ctx.pgbackrest().info().info().flatMap(i -> i.backup(l)));
        return String.join("\n", BackupSummary.lines(what, label, b, PgBackRest.copiedBytes(output), took,
                Expired.parse(output)));
    }

    private String what() {
        return (type == Type.incr ? "an " : "a ") + type + " backup" + (repo == null ? "" : " to repo" + repo)
                + (label == null ? "" : " labelled '" + label + "'");
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    /** How often a waiting backup tries the lock again. */
    static final Duration POLL = Duration.ofSeconds(10);
    /** How often a waiting backup without a terminal says it still waits. */
    static final Duration REMIND = Duration.ofSeconds(60);

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgctlException(ExitCodes.FAILED, "interrupted");
        }
    }

    /**
     * Creates the stanza when the repository has none yet (for example the after-start job failed), or when one of
     * two repositories has none (a second repository added to a cluster that had one).
     */
    static void ensureStanza(Context ctx, Out out) {
        var infos = ctx.pgbackrest().infos();
        var info = infos.all();
        boolean missingInOne = infos.byRepo().size() > 1 && infos.byRepo().values().stream()
                .anyMatch(i -> i.reachable() && i.info().get().stanzaMissing());
        if (info.reachable() && info.info().get().stanzaMissing() || missingInOne) {
            out.info("the repository has no stanza '" + ctx.config().stanza() + "' yet: creating it");
            Result r = Stanza.create(ctx, out);
            if (!r.ok()) {
                throw new PgctlException(ExitCodes.FAILED, Problem.of("stanza-create",
                        "pgBackRest could not create the stanza: " + PgBackRest.errorOf(r),
                        "a backup needs the stanza in the repository",
                        "docker exec <container> pgctl check"));
            }
        }
    }
}
