package dev.pgctl.wal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When pg_wal's file system is full at the pace WAL piles up there: from samples of (time, bytes waiting for the
 * archiver, free bytes where pg_wal is), the growth rate of the backlog over the last {@link #WINDOW} and the time
 * until the free space is gone at that rate. Pure; table-tested in WalForecastTest.
 *
 * <p>The rate is that of the backlog (WAL PostgreSQL keeps only because it is not archived yet), not of the free
 * space: other writes to the same disk (tables in PGDATA when pg_wal is inside it) are the PGDATA_FULL warning's
 * business, and would make a quiet backlog look alarming. One rate needs two samples over time: pgctl monitor
 * records one every tick (10 s) in the run directory ({@link WalSamples}), where {@code pgctl status} and
 * {@code pgctl notify} read them.
 */
public final class WalForecast {
    /** The rate is measured over at most this much history ... */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** ... and at least this much: a shorter span says more about one segment switch than about a pace. */
    public static final Duration MIN_SPAN = Duration.ofSeconds(30);
    /** Below this time to full, the warning is given whatever the history. */
    public static final Duration SOON = Duration.ofHours(1);
    /** Samples closer together than this are not kept (a scrape between two ticks adds nothing). */
    static final Duration SAMPLE_GAP = Duration.ofSeconds(5);

    private WalForecast() {
    }

    /**
     * One observation.
     *
     * @param at           when
     * @param bytesWaiting bytes of the WAL segments waiting for the archiver (.ready files)
     * @param freeBytes    bytes free on pg_wal's file system
     */
    public record Sample(Instant at, long bytesWaiting, long freeBytes) {
    }

    /**
     * What the samples say.
     *
     * @param bytesWaiting the backlog now
     * @param freeBytes    free bytes on pg_wal's file system now
     * @param rate         bytes per second the backlog grew over the window (empty: not enough history yet;
     *                     negative: it shrinks)
     * @param secondsToFull seconds until the free space is gone at that rate (only while it grows and WAL waits)
     */
    public record Forecast(long bytesWaiting, long freeBytes, Optional<Double> rate, Optional<Long> secondsToFull) {
    }

    /** The forecast for {@code now}, from the history (any order; samples after now are ignored). */
    public static Forecast of(List<Sample> history, Sample now) {
        Optional<Sample> base = history.stream()
                .filter(s -> !s.at().isBefore(now.at().minus(WINDOW)) && !s.at().isAfter(now.at().minus(MIN_SPAN)))
                .min((a, b) -> a.at().compareTo(b.at()));
        Optional<Double> rate = base.map(b -> (now.bytesWaiting() - b.bytesWaiting())
                / (Duration.between(b.at(), now.at()).toMillis() / 1000.0));
        Optional<Long> toFull = rate.filter(r -> r > 0 && now.bytesWaiting() > 0)
                .map(r -> (long) Math.floor(Math.max(0, now.freeBytes()) / r));
        return new Forecast(now.bytesWaiting(), now.freeBytes(), rate, toFull);
    }

    /**
     * Why the forecast warns, or empty: the disk is full within {@link #SOON}, or half of the time from the start of
     * the backlog (when the oldest waiting segment became ready) to the full disk is gone (the time left is no more
     * than the time since it started).
     */
    public static Optional<String> warning(Forecast f, Optional<Instant> waitingSince, Instant now) {
        if (f.secondsToFull().isEmpty()) {
            return Optional.empty();
        }
        long left = f.secondsToFull().get();
        if (left < SOON.toSeconds()) {
            return Optional.of("under an hour");
        }
        Optional<Long> since = waitingSince.map(t -> Duration.between(t, now).toSeconds());
        if (since.isPresent() && left <= since.get()) {
            return Optional.of("half of the time since WAL began to pile up is gone");
        }
        return Optional.empty();
    }

    /** The history to keep after {@code s}: the samples of the last {@link #WINDOW}, at most one per {@link #SAMPLE_GAP}. */
    public static List<Sample> keep(List<Sample> history, Sample s) {
        List<Sample> out = new ArrayList<>();
        for (Sample h : history) {
            if (!h.at().isBefore(s.at().minus(WINDOW)) && h.at().isBefore(s.at())) {
                out.add(h);
            }
        }
        out.sort((a, b) -> a.at().compareTo(b.at()));
        if (!out.isEmpty() && Duration.between(out.get(out.size() - 1).at(), s.at()).compareTo(SAMPLE_GAP) < 0) {
            return out;
        }
        out.add(s);
        return out;
    }
}
