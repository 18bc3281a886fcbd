package dev.pgctl.metrics;

import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The state of {@code pgctl monitor}: the latest {@link Snapshot} and the repository facts it remembers.
 * {@link #tick} runs from the monitor's loop; {@link #fresh} serves scrapes. The repository is read on its own
 * thread ({@link RefreshRule#repositoryDue}), so neither a tick nor a scrape ever waits on S3.
 */
public final class Monitor {

    /**
     * Told after every read of the repository, with what it found, so that a judgement made on it (the alert
     * evaluations) sees repository facts as fresh as a {@code pgctl notify --once} would read: once a minute and
     * after every backup ({@link RefreshRule#repositoryDue}). Without a repository, told once per
     * {@link RefreshRule#REPOSITORY_INTERVAL} with {@link Snapshot.Repository#NOT_CONFIGURED}. Runs on the
     * reading thread: hand long work elsewhere; an exception is reported and the others are still told.
     */
    public interface Listener {
        void repositoryRead(Snapshot.Repository repository);
    }

    /**
     * Told of every snapshot the loop gathers, once the repository is known (before its first read it would look
     * unreadable): the WAL guard. Runs on the loop's thread: return quickly; an exception is reported and the
     * loop goes on.
     */
    public interface TickListener {
        void observed(Snapshot snapshot, Instant now);
    }

    /** Where the facts come from (processes and files: cmd.MonitorSources; a test gives its own). */
    public interface Sources {
        /** The local facts, with {@code repository} as the last read found it. Fast: no network. */
        Snapshot gather(Snapshot.Repository repository);

        /** Reads the repository (pgbackrest info). Slow. */
        InfoResult readRepository();

        /** An S3 repository is configured. */
        boolean repositoryConfigured();

        /** When pgctl last recorded the end of a backup. */
        Optional<Instant> lastBackupEnded();
    }

    private final Sources sources;
    private final InstantSource clock;
    private final Executor background;
    private final Consumer<String> warn;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<TickListener> tickListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Snapshot.Repository repository;
    private volatile Optional<Instant> lastReadStarted = Optional.empty();
    private volatile Snapshot current;

    /**
     * @param background runs the repository reads
     * @param warn       where a failing listener is reported
     */
    public Monitor(Sources sources, InstantSource clock, Executor background, Consumer<String> warn) {
        this.sources = sources;
        this.clock = clock;
        this.background = background;
        this.warn = warn;
        this.repository = sources.repositoryConfigured() ? Snapshot.Repository.notReadYet()
                : Snapshot.Repository.NOT_CONFIGURED;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void addTickListener(TickListener l) {
        tickListeners.add(l);
    }

    /** The repository as last read. */
    public Snapshot.Repository repository() {
        return repository;
    }

    /**
     * One turn of the loop: starts a repository read when one is due (and none runs), gathers the local facts and
     * tells the tick listeners, once the repository is known.
     */
    public Snapshot tick() {
        refreshRepositoryIfDue();
        Snapshot s = gather();
        if (s.repository().known()) {
            Instant now = clock.instant();
            for (TickListener l : tickListeners) {
                try {
                    l.observed(s, now);
                } catch (RuntimeException e) {
                    warn.accept("a monitor listener failed: " + e);
                }
            }
        }
        return s;
    }

    /** For a scrape: the latest snapshot, gathered again first when it is older than {@link RefreshRule#LOCAL_FRESH}. */
    public synchronized Snapshot fresh() {
        Snapshot s = current;
        if (s == null || RefreshRule.localDue(Optional.of(s.taken()), clock.instant())) {
            s = gather();
        }
        return s;
    }

    private synchronized Snapshot gather() {
        Snapshot s = sources.gather(repository);
        current = s;
        return s;
    }

    /**
     * Starts a background read of the repository when {@link RefreshRule#repositoryDue} says so, and tells the
     * listeners what it found; without a repository, tells them on the same cadence.
     */
    void refreshRepositoryIfDue() {
        boolean configured = sources.repositoryConfigured();
        Instant now = clock.instant();
        if (!RefreshRule.repositoryDue(lastReadStarted, configured ? sources.lastBackupEnded() : Optional.empty(), now)
                || !reading.compareAndSet(false, true)) {
            return;
        }
        lastReadStarted = Optional.of(now);
        if (!configured) {
            reading.set(false);
            tell(Snapshot.Repository.NOT_CONFIGURED);
            return;
        }
        background.execute(() -> {
            try {
                InfoResult r = sources.readRepository();
                Snapshot.Repository read = Snapshot.Repository.read(r, clock.instant()).keepingContentsOf(repository);
                repository = read;
                tell(read);
            } finally {
                reading.set(false);
            }
        });
    }

    private void tell(Snapshot.Repository read) {
        for (Listener l : listeners) {
            try {
                l.repositoryRead(read);
            } catch (RuntimeException e) {
                warn.accept("a monitor listener failed: " + e);
            }
        }
    }
}
