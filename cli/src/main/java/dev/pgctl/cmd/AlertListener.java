package dev.pgctl.cmd;

import dev.pgctl.metrics.Monitor;
import dev.pgctl.metrics.Snapshot;
import dev.pgctl.notify.Notifier;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The alerts and the heartbeat of {@code pgctl monitor}: at most every {@link #EVERY}, one evaluation of the alert
 * conditions ({@link Notifier#evaluate}) on its own thread, judged on the repository the monitor last read (no S3
 * request of its own). A webhook that hangs holds only this thread: scrapes, the monitor's loop, backups and
 * archive_command never wait on it; while one evaluation runs, the next is skipped, never queued.
 */
final class AlertListener implements Monitor.Listener {
    /** How often the conditions are judged: well inside archive_timeout + 2 min for the archiving alert. */
    static final Duration EVERY = Duration.ofSeconds(30);

    private final Context ctx;
    private final Notifier notifier;
    private final Out out;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pgctl-alerts");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private Optional<Instant> lastStarted = Optional.empty();

    AlertListener(Context ctx) {
        this.ctx = ctx;
        this.out = ctx.out();
        this.notifier = new Notifier(ctx.config(), Notifier.hostName(), out::info, out::warn, Clock.systemUTC());
    }

    /** Alerts or heartbeats are configured (PGCTL_NOTIFY_URL, PGCTL_NOTIFY_HEARTBEAT_URL). */
    boolean enabled() {
        return notifier.enabled();
    }

    /** Whether an evaluation is due at {@code now}: none yet, or the last one started {@link #EVERY} ago. Pure. */
    static boolean due(Optional<Instant> lastStarted, Instant now) {
        return lastStarted.map(t -> !now.isBefore(t.plus(EVERY))).orElse(true);
    }

    @Override
    public void observed(Snapshot snapshot, Instant now) {
        if (!due(lastStarted, now) || !running.compareAndSet(false, true)) {
            return;
        }
        lastStarted = Optional.of(now);
        thread.execute(() -> {
            try {
                notifier.evaluate(NotifyCommand.facts(ctx, Instant.now(), snapshot.repository()::asInfoResult));
            } catch (IOException | RuntimeException e) {
                out.warn("alert evaluation failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); PostgreSQL, backups and archiving are not affected; the next one is in " + EVERY.toSeconds()
                        + " s");
            } finally {
                running.set(false);
            }
        });
    }
}
