package dev.pgctl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.status.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The monitor's loop and scrapes on fake sources and a fake clock: a scrape never waits on the repository. */
class MonitorTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T03:00:00Z"));
    final InstantSource clock = () -> now.get();

    /** Sources whose repository read waits until released (a slow or hanging S3). */
    class Fake implements Monitor.Sources {
        final AtomicInteger gathered = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch readDone = new CountDownLatch(1);
        volatile Optional<Instant> backupEnded = Optional.empty();

        @Override
        public Snapshot gather(Snapshot.Repository repository) {
            gathered.incrementAndGet();
            StatusReport st = new StatusReport("primary", new StatusReport.Postgres(true, Optional.of(false), "/pgdata"),
                    Optional.empty(), Optional.empty(), new StatusReport.Repository(true, false, Optional.empty(), "main",
                            Optional.empty(), List.of(), 0), Optional.empty(), true, List.of(), List.of(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            return new Snapshot(clock.instant(), Duration.ofMillis(10), st, new Snapshot.Local(
                    new Snapshot.Versions("t", Optional.empty(), Optional.empty()), Optional.empty(), Optional.empty(),
                    true, false, java.util.Map.of()), repository);
        }

        @Override
        public InfoResult readRepository() {
            reads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readDone.countDown();
            return new InfoResult(Optional.empty(), "connection refused");
        }

        @Override
        public boolean repositoryConfigured() {
            return true;
        }

        @Override
        public Optional<Instant> lastBackupEnded() {
            return backupEnded;
        }
    }

    @Test
    void aScrapeIsServedWhileTheRepositoryReadHangs() throws Exception {
        Fake f = new Fake();
        var pool = Executors.newSingleThreadExecutor();
        try {
            Monitor m = new Monitor(f, clock, pool, w -> { });
            List<Snapshot.Repository> seen = new CopyOnWriteArrayList<>();
            m.addListener(seen::add);
            long start = System.nanoTime();
            Snapshot s = m.tick();
            Snapshot scraped = m.fresh();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "the tick and the scrape waited");
            assertFalse(s.repository().known());
            assertSame(s, scraped, "a snapshot younger than 5 s is served as it is");
            assertTrue(seen.isEmpty(), "listeners hear nothing before the repository read ends");
            f.release.countDown();
            assertTrue(f.readDone.await(5, TimeUnit.SECONDS));
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            now.set(now.get().plusSeconds(5));
            Snapshot later = m.fresh();
            assertEquals(2, f.gathered.get(), "a scrape 5 s later gathers again");
            assertTrue(later.repository().known());
            assertEquals(Optional.of("connection refused"), later.repository().result().map(InfoResult::error));
            assertEquals(List.of(later.repository()), seen, "listeners hear of the read, with what it found");
            m.tick();
            assertEquals(1, seen.size(), "and of nothing else until the next read");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRepositoryIsReadAgainAfterABackupAndOnceAMinute() {
        Fake f = new Fake();
        f.release.countDown();
        Monitor m = new Monitor(f, clock, Runnable::run, w -> { });
        m.tick();
        m.tick();
        assertEquals(1, f.reads.get(), "read once, then not again within the minute");
        now.set(now.get().plusSeconds(10));
        f.backupEnded = Optional.of(now.get());
        now.set(now.get().plusSeconds(1));
        m.tick();
        assertEquals(2, f.reads.get(), "read again after a backup ended");
        now.set(now.get().plusSeconds(59));
        m.tick();
        assertEquals(2, f.reads.get());
        now.set(now.get().plusSeconds(1));
        m.tick();
        assertEquals(3, f.reads.get(), "read again a minute after the last read");
    }

    @Test
    void listenersHearOfEveryReadAfterABackupAndOnceAMinute() {
        Fake f = new Fake();
        f.release.countDown();
        Monitor m = new Monitor(f, clock, Runnable::run, w -> { });
        List<Instant> heard = new ArrayList<>();
        m.addListener(r -> heard.add(r.refreshed().orElseThrow()));
        m.tick();
        now.set(now.get().plusSeconds(10));
        m.tick();
        f.backupEnded = Optional.of(now.get());
        now.set(now.get().plusSeconds(1));
        m.tick();
        now.set(now.get().plusSeconds(60));
        m.tick();
        assertEquals(List.of(Instant.parse("2026-11-22T03:00:00Z"), Instant.parse("2026-11-22T03:00:11Z"),
                Instant.parse("2026-11-22T03:01:11Z")), heard, "each read, fresh, told once");
    }

    @Test
    void withoutARepositoryListenersAreToldOnceAMinute() {
        Fake f = new Fake() {
            @Override
            public boolean repositoryConfigured() {
                return false;
            }
        };
        Monitor m = new Monitor(f, clock, Runnable::run, w -> { });
        List<Snapshot.Repository> heard = new ArrayList<>();
        m.addListener(heard::add);
        m.tick();
        now.set(now.get().plusSeconds(30));
        m.tick();
        now.set(now.get().plusSeconds(30));
        m.tick();
        assertEquals(List.of(Snapshot.Repository.NOT_CONFIGURED, Snapshot.Repository.NOT_CONFIGURED), heard);
        assertEquals(0, f.reads.get(), "nothing is read");
    }

    @Test
    void tickListenersHearOfEachTickOnceTheRepositoryIsKnown() {
        Fake f = new Fake();
        List<Snapshot> ticks = new ArrayList<>();
        var pool = Executors.newSingleThreadExecutor();
        try {
            Monitor m = new Monitor(f, clock, pool, w -> { });
            m.addTickListener((s, t) -> ticks.add(s));
            m.tick();
            assertTrue(ticks.isEmpty(), "nothing before the first read ends");
            f.release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            m.tick();
            m.tick();
            assertEquals(2, ticks.size());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingListenerIsReportedAndTheOthersStillHear() {
        Fake f = new Fake();
        f.release.countDown();
        List<String> warned = new ArrayList<>();
        Monitor m = new Monitor(f, clock, Runnable::run, warned::add);
        AtomicInteger heard = new AtomicInteger();
        m.addListener(r -> {
            throw new IllegalStateException("boom");
        });
        m.addListener(r -> heard.incrementAndGet());
        m.tick();
        assertEquals(1, heard.get());
        assertEquals(1, warned.size());
        assertTrue(warned.get(0).contains("boom"));
    }
}
