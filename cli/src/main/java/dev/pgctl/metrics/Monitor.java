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
     * Told of every snapshot the loop gathers (alerting plugs in here). Runs on the loop's thread: return
     * quickly; an exception is reported and the loop goes on.
     */
    public interface Listener {
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

    /** The repository as last read. */
    public Snapshot.Repository repository() {
        return repository;
    }

    /**
     * One turn of the loop: starts a repository read when one is due (and none runs), gathers the local facts
     * and tells the listeners, once the repository is known (before its first read they would see it as
     * unreadable).
     */
    public Snapshot tick() {
        refreshRepositoryIfDue();
        Snapshot s = gather();
        if (s.repository().known()) {
            Instant now = clock.instant();
            for (Listener l : listeners) {
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

    /** Starts a background read of the repository when {@link RefreshRule#repositoryDue} says so. */
    void refreshRepositoryIfDue() {
        if (!sources.repositoryConfigured()) {
            return;
        }
        Instant now = clock.instant();
        if (!RefreshRule.repositoryDue(lastReadStarted, sources.lastBackupEnded(), now)
                || !reading.compareAndSet(false, true)) {
            return;
        }
        lastReadStarted = Optional.of(now);
        background.execute(() -> {
            try {
                InfoResult r = sources.readRepository();
                repository = Snapshot.Repository.read(r, clock.instant());
            } finally {
                reading.set(false);
            }
        });
    }
}
