package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc;
import dev.pgctl.metrics.Monitor;
import dev.pgctl.metrics.Snapshot;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.status.StatusReport;
import dev.pgctl.wal.WalGap;
import dev.pgctl.wal.WalGapStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WAL guard's part in pgctl monitor (README "WAL guard"): at every tick it reads the drops pgBackRest reports in
 * the spool and keeps the {@link WalGap} state in the run directory; while there is a gap and the repository
 * answered its last read, it takes a full backup ({@code pgctl backup full}, on a thread of its own, one at a time,
 * at most once a minute after a failure); the state clears only when that backup succeeded. The rules are
 * {@link WalGap}'s; this class only reads, writes and runs.
 */
final class WalGuard implements Monitor.TickListener {
    /** After a failed backup, the next one waits this long (the repository's next read says whether it is back). */
    static final Duration RETRY = Duration.ofMinutes(1);

    private final Context ctx;
    private final AtomicBoolean backupRunning = new AtomicBoolean();
    /** pg_stat_archiver's last archived time at the last tick without drops: where a new gap starts. */
    private volatile Optional<Instant> lastArchived = Optional.empty();
    private volatile Instant lastAttemptEnded = Instant.EPOCH;

    WalGuard(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public synchronized void observed(Snapshot s, Instant now) {
        Config c = ctx.config();
        Path runDir = c.paths().runDir();
        Optional<WalGap> before = WalGapStore.read(runDir);
        List<WalGap.Drop> drops = new ArrayList<>(WalGapStore.drops(c.paths().spoolPath(), c.stanza()));
        drops.addAll(WalGapStore.loggedDrops(c.paths().spoolPath(), c.stanza(), runDir, now));
        Optional<WalGap> after = WalGap.observe(before, drops, lastArchived);
        if (!after.equals(before)) {
            write(runDir, after);
            ctx.out().warn(after.get().what() + "\nfix: bring the repository back (pgctl check); "
                    + "pgctl then takes the full backup by itself");
        }
        if (drops.isEmpty()) {
            lastArchived = s.status().archiving().flatMap(StatusReport.Archiving::lastArchivedTime).map(Instant::parse);
        }
        boolean reachable = s.repository().result().map(InfoResult::reachable).orElse(false);
        if (WalGap.backupDue(after, reachable, backupRunning.get()) && !now.isBefore(lastAttemptEnded.plus(RETRY))
                && backupRunning.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("pgctl-wal-guard-backup").start(this::backup);
        }
    }

    private void backup() {
        Instant started = Instant.now();
        try {
            ctx.out().info("the repository is reachable again after WAL was dropped: taking a full backup, so that the "
                    + "latest state is restorable again");
            Proc.Result r = ctx.proc().run(Proc.Spec.of(Duration.ofHours(24), "pgctl", "backup", "full")
                    .streaming(line -> ctx.out().info("wal guard backup: " + line)));
            synchronized (this) {
                Path runDir = ctx.config().paths().runDir();
                Optional<WalGap> gap = WalGapStore.read(runDir);
                if (gap.isPresent()) {
                    Optional<WalGap> after = WalGap.afterBackup(gap.get(), started, r.ok());
                    write(runDir, after);
                    if (after.isEmpty()) {
                        ctx.out().info("the full backup after the WAL gap succeeded: the latest state is restorable "
                                + "again (point-in-time recovery stays impossible between " + gap.get().from() + " and "
                                + gap.get().to() + ")");
                    } else {
                        ctx.out().warn("the full backup after the WAL gap failed (exit " + r.exitCode() + "); trying again "
                                + "in " + RETRY.toSeconds() + " s once the repository answers\nfix: docker exec <container> "
                                + "pgctl check");
                    }
                }
            }
        } finally {
            lastAttemptEnded = Instant.now();
            backupRunning.set(false);
        }
    }

    private void write(Path runDir, Optional<WalGap> gap) {
        try {
            WalGapStore.write(runDir, gap);
        } catch (IOException e) {
            ctx.out().warn("cannot write " + runDir.resolve(WalGapStore.FILE) + " (" + e.getMessage() + "): the WAL gap "
                    + "is not kept across a restart\nfix: give the postgres user write access to PGCTL_RUN_DIR");
        }
    }
}
