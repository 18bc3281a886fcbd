package dev.pgctl.cmd;

import dev.pgctl.ExitCodes;
import dev.pgctl.PgctlException;
import dev.pgctl.config.Config.Role;
import dev.pgctl.config.Problem;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pgbackrest.HeldLines;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.ui.Out;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {
            "Takes a backup of this primary into the S3 repository with pgBackRest; expired backups are removed "
                    + "afterwards according to the retention. Cron runs the same command on schedule.",
            "",
            "TYPE is full (everything), diff (changes since the last full) or incr (changes since the last backup)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  backup taken, or skipped because another backup is running",
            "  1  pgBackRest failed", "  3  invalid configuration", "  5  this node is a standby",
            "",
            "With --scheduled (cron), a full or diff backup that finds another backup running waits for it",
            "(up to 60 min); an incr backup, or one started by hand, logs 'skipped: backup already running'.",
            "", "Examples:", "  pgctl backup full --label before-upgrade", "  pgctl backup incr"})
public final class BackupCommand implements Callable<Integer> {

    enum Type { full, diff, incr }

    @Parameters(index = "0", paramLabel = "TYPE", description = "full, diff or incr")
    Type type;

    @Option(names = "--label", paramLabel = "TEXT", description = "A label stored with the backup (pgBackRest annotation pgctl-label).")
    String label;

    @Option(names = "--scheduled", description = "Run as a scheduled job: on a standby, log and exit 0.")
    boolean scheduled;

    @Override
    public Integer call() {
        Context ctx = Context.load("backup");
        Out out = ctx.out();
        if (ctx.config().repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository("pgctl backs up to S3 with pgBackRest"));
        }
        if (java.nio.file.Files.exists(dev.pgctl.bootstrap.DataDir.backupsPendingMarker(ctx.config().postgres().pgdata()))) {
            if (scheduled) {
                out.info("skipped: backups are not enabled for this cluster yet");
                return ExitCodes.OK;
            }
            throw new PgctlException(ExitCodes.CONFIG, Problem.of("pgctl enable-backups",
                    "backups are not enabled for this cluster yet (it was created without pgctl)",
                    "enable-backups creates the stanza, turns WAL archiving on and takes the first full backup",
                    BootstrapCommand.enableCommand()));
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
        ensureStanza(ctx, out);
        Instant start = Instant.now();
        Instant waitUntil = start.plus(LOCK_WAIT);
        boolean said = false;
        while (true) {
            HeldLines lines = new HeldLines(line -> out.info("pgbackrest: " + line),
                    () -> out.info("starting " + (type == Type.incr ? "an " : "a ") + type + " backup"
                            + (label == null ? "" : " labelled '" + label + "'")));
            Result r;
            try (BackupProgress progress = BackupProgress.start(ctx, out, type + " backup")) {
                r = ctx.pgbackrest().backup(type.name(), Optional.ofNullable(label), lines);
            }
            if (!lockHeld(r)) {
                lines.release();
                if (!r.ok()) {
                    out.error("the " + type + " backup failed (pgBackRest exit " + r.exitCode() + "): " + PgBackRest.errorOf(r)
                            + "\nfix: docker exec <container> pgctl check   # shows which part of the configuration is wrong");
                    return ExitCodes.FAILED;
                }
                out.info(type + " backup done in " + Duration.between(start, Instant.now()).toSeconds() + " s");
                return ExitCodes.OK;
            }
            lines.discard();
            // A scheduled full or differential backup must not be lost to a running incremental:
            // it waits for the lock; an incremental (or a backup started by hand) is simply skipped.
            if (!scheduled || type == Type.incr || Instant.now().isAfter(waitUntil)) {
                out.info("skipped: backup already running");
                return ExitCodes.OK;
            }
            if (!said) {
                out.info("waiting: another backup is running; this " + type + " backup starts when it ends (up to "
                        + LOCK_WAIT.toMinutes() + " min)");
                said = true;
            }
            sleep(Duration.ofSeconds(10));
        }
    }

    static final Duration LOCK_WAIT = Duration.ofMinutes(60);

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgctlException(ExitCodes.FAILED, "interrupted");
        }
    }

    /** Creates the stanza when the repository has none yet (for example the after-start job failed). */
    static void ensureStanza(Context ctx, Out out) {
        var info = ctx.pgbackrest().info();
        if (info.reachable() && info.info().get().stanzaMissing()) {
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

    /** pgBackRest's LockAcquireError (exit 50): another backup holds the stanza's lock. */
    static boolean lockHeld(Result r) {
        return r.exitCode() == 50 || r.diagnostic().contains("LockAcquireError");
    }
}
