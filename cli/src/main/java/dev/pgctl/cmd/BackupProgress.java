package dev.pgctl.cmd;

import dev.pgctl.pgbackrest.RepoInfo;
import dev.pgctl.ui.Out;
import dev.pgctl.ui.ProgressLine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On a terminal that can redraw a line, redraws a progress bar of the running backup every 2 seconds from
 * what pgBackRest's backup lock reports (pgbackrest info: bytes copied of the total). Nothing elsewhere:
 * docker logs, cron and a TERM=dumb terminal get pgBackRest's own lines. A backup waiting for another one shows the other one's progress.
 */
final class BackupProgress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backup-progress");
        t.setDaemon(true);
        return t;
    });
    private final Out out;
    private volatile boolean drawn;

    private BackupProgress(Out out) {
        this.out = out;
    }

    static BackupProgress start(Context ctx, Out out, String what) {
        return start(ctx, out, what, Instant.now());
    }

    /** The same, with the time shown counted from {@code start} (a backup waiting for another one: since it waits). */
    static BackupProgress start(Context ctx, Out out, String what, Instant start) {
        BackupProgress p = new BackupProgress(out);
        if (!out.redraws()) {
            return p;
        }
        p.timer.scheduleWithFixedDelay(() -> {
            var info = ctx.pgbackrest().info();
            info.info().flatMap(RepoInfo::backupProgress).ifPresent(pr -> {
                if (ProgressLine.draw(out, ProgressLine.render(what, pr.doneBytes(), pr.totalBytes(),
                        Duration.between(start, Instant.now()).toSeconds(), 100))) {
                    p.drawn = true;
                }
            });
        }, 2, 2, TimeUnit.SECONDS);
        return p;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn) {
            ProgressLine.draw(out, "");
        }
    }
}
