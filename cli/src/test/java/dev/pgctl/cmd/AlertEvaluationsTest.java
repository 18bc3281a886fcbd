package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.metrics.Snapshot;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The monitor's alert evaluations: on each read's own result, never two at once, a failure reported. */
class AlertEvaluationsTest {
    static Snapshot.Repository read(String error, String at) {
        return Snapshot.Repository.read(new InfoResult(Optional.empty(), error), Instant.parse(at));
    }

    @Test
    void eachReadIsJudgedOnWhatItFound() {
        List<Snapshot.Repository> judged = new ArrayList<>();
        AlertEvaluations a = new AlertEvaluations(judged::add, Runnable::run, w -> { });
        Snapshot.Repository first = read("connection refused", "2026-11-22T03:00:00Z");
        Snapshot.Repository second = read("", "2026-11-22T03:01:00Z");
        a.repositoryRead(first);
        a.repositoryRead(second);
        assertEquals(List.of(first, second), judged);
    }

    @Test
    void aReadWhileAnEvaluationRunsIsSkippedNotQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<Snapshot.Repository> judged = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AlertEvaluations a = new AlertEvaluations(r -> {
                started.countDown();
                judged.add(r);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, pool, w -> { });
            Snapshot.Repository first = read("", "2026-11-22T03:00:00Z");
            a.repositoryRead(first);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            long t = System.nanoTime();
            a.repositoryRead(read("", "2026-11-22T03:01:00Z"));
            assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(1), "the reading thread never waits");
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals(List.of(first), judged, "the read during a hanging evaluation is skipped");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedEvaluationIsReportedAndTheNextReadRunsAgain() {
        List<String> warned = new ArrayList<>();
        List<Snapshot.Repository> judged = new ArrayList<>();
        boolean[] fail = {true};
        AlertEvaluations a = new AlertEvaluations(r -> {
            judged.add(r);
            if (fail[0]) {
                fail[0] = false;
                throw new IOException("run directory not writable");
            }
        }, Runnable::run, warned::add);
        a.repositoryRead(read("", "2026-11-22T03:00:00Z"));
        a.repositoryRead(read("", "2026-11-22T03:01:00Z"));
        assertEquals(2, judged.size());
        assertEquals(1, warned.size());
        assertTrue(warned.get(0).contains("run directory not writable"), warned.get(0));
    }
}
