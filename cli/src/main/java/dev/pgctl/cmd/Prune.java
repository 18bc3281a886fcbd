package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.config.Config.Role;
import dev.pgctl.drill.DrillLock;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.pgbackrest.RepoErrors;
import dev.pgctl.pgbackrest.PruneRecord;
import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.retention.CalendarPolicy;
import dev.pgctl.retention.CalendarRetention;
import dev.pgctl.retention.CalendarRetention.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code pgctl prune}, by hand and after each scheduled backup: the calendar policy's verdicts on the repository's
 * backups ({@link CalendarRetention}), then {@code pgbackrest expire --set} for each one that goes, newest first,
 * then a second read that proves they are gone and every kept one is still there.
 */
final class Prune {
    /**
     * What a prune found and did.
     *
     * @param policy   the policy, as written
     * @param verdicts one per backup, oldest first
     * @param expired  the sets expired, in the order they were
     */
    record Outcome(String policy, List<Verdict> verdicts, List<String> expired) {
    }

    private final Context ctx;
    /** PGCTL_RETENTION is repo1's policy: with a second repository, every read and expire names repo1. */
    private final PgBackRest pgbackrest;

    Prune(Context ctx) {
        this.ctx = ctx;
        this.pgbackrest = ctx.config().repo2().isPresent() ? ctx.pgbackrest().forRepo(1) : ctx.pgbackrest();
    }

    /** The policy, or a configuration problem naming PGCTL_RETENTION. */
    static CalendarPolicy policy(Config c, String why) {
        if (c.repo().isEmpty()) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.noRepository(why));
        }
        return c.repo().get().calendar().orElseThrow(() -> new PgctlException(ExitCodes.CONFIG, Problem.of(
                "PGCTL_RETENTION", "is not set: pgBackRest's count retention (PGBACKREST_REPO1_RETENTION_FULL) expires "
                        + "backups after each backup", why,
                "PGCTL_RETENTION=daily=7,weekly=4,monthly=12,yearly=2   # then restart the container")));
    }

    /**
     * @param dryRun only decide
     * @param lines  where pgBackRest's lines go
     */
    Outcome run(boolean dryRun, Consumer<String> lines) throws IOException {
        Config c = ctx.config();
        CalendarPolicy policy = policy(c, "pgctl prune applies the calendar policy");
        boolean standby = ctx.postgres().inRecovery().orElse(c.role() == Role.REPLICA);
        if (standby) {
            throw new PgctlException(ExitCodes.STANDBY, Problem.of("PGCTL_ROLE",
                    "this node is a standby: backups are pruned on the primary", "the primary owns the repository",
                    "docker exec <primary container> pgctl prune"));
        }
        try (DrillLock drill = DrillLock.tryTake(c.paths().runDir())) {
            if (!drill.held()) {
                throw new PgctlException(ExitCodes.BUSY, Problem.of("pgctl prune",
                        "a restore drill is running, and may be restoring a backup this would expire",
                        "nothing was expired", "docker exec <container> pgctl prune   # once pgctl drills shows it ended"));
            }
            if (dryRun) {
                return new Outcome(policy.text(), decide(policy, read()), List.of());
            }
            try {
                Outcome o = expire(policy, decide(policy, read()), lines);
                record(r -> r.succeeded(Instant.now()));
                return o;
            } catch (PgctlException e) {
                record(r -> r.failed(Instant.now(), e.getMessage()));
                throw e;
            }
        }
    }

    private void record(UnaryOperator<PruneRecord> change) {
        Path runDir = ctx.config().paths().runDir();
        try {
            change.apply(PruneRecord.read(runDir)).write(runDir);
        } catch (IOException e) {
            ctx.out().warn("could not update " + runDir.resolve(PruneRecord.FILE) + " (" + e.getMessage()
                    + "): a failed prune may not raise its alert");
        }
    }

    private Outcome expire(CalendarPolicy policy, List<Verdict> verdicts, Consumer<String> lines) {
        List<String> expired = new ArrayList<>();
        for (String set : CalendarRetention.expireOrder(verdicts)) {
            Result r = pgbackrest.expireSet(set, lines);
            if (!r.ok()) {
                throw new PgctlException(ExitCodes.FAILED, Problem.of("pgctl prune", "pgbackrest expire --set=" + set
                        + " failed: " + PgBackRest.errorOf(r) + (expired.isEmpty() ? "" : " (expired before it: "
                        + String.join(", ", expired) + ")"), "the other backups stay as they were",
                        RepoErrors.fixFor(PgBackRest.errorOf(r))));
            }
            expired.add(set);
        }
        proveDone(verdicts, read());
        return new Outcome(policy.text(), verdicts, List.copyOf(expired));
    }

    private RepoInfo read() {
        InfoResult info = pgbackrest.info();
        if (!info.reachable()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("repository", "cannot be read: " + info.error(),
                    "prune decides on the repository's list of backups; nothing was expired",
                    RepoErrors.fixFor(info.error())));
        }
        return info.info().get();
    }

    static List<Verdict> decide(CalendarPolicy policy, RepoInfo info) {
        return CalendarRetention.decide(policy, info.backups().stream()
                .map(b -> new CalendarRetention.Backup(b.label(), b.type(), b.start())).toList(), Instant.now());
    }

    /** Exit 0 means it happened: every expired set is gone, every kept one is there. */
    private static void proveDone(List<Verdict> verdicts, RepoInfo after) {
        Set<String> now = after.backups().stream().map(RepoInfo.Backup::label).collect(Collectors.toSet());
        List<String> stillThere = verdicts.stream().filter(v -> !v.keep()).map(v -> v.backup().label())
                .filter(now::contains).toList();
        List<String> lost = verdicts.stream().filter(Verdict::keep).map(v -> v.backup().label())
                .filter(l -> !now.contains(l)).toList();
        if (!stillThere.isEmpty() || !lost.isEmpty()) {
            throw new PgctlException(ExitCodes.FAILED, Problem.of("pgctl prune", "the repository does not show what "
                    + "was asked" + (stillThere.isEmpty() ? "" : ": still listed " + stillThere)
                    + (lost.isEmpty() ? "" : ": missing, though kept " + lost), "pgbackrest info after the expire",
                    "docker exec <container> pgctl backups"));
        }
    }
}
