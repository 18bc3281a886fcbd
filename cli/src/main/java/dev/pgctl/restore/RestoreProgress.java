package dev.pgctl.restore;

import dev.pgctl.ui.Out;
import dev.pgctl.ui.ProgressLine;
import dev.pgctl.ui.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * While pgBackRest restores, how much of the backup has arrived in PGDATA: a bar redrawn every second on a
 * terminal that can redraw a line, else a line logged every 10 seconds.
 */
public final class RestoreProgress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "restore-progress");
        t.setDaemon(true);
        return t;
    });

    private RestoreProgress() {
    }

    public static RestoreProgress start(Path pgdata, long expectedBytes, Out out) {
        return start(pgdata, expectedBytes, out, "restore");
    }

    /** Logs "WHAT: N MiB in PGDATA after S s" every 10 seconds. */
    public static RestoreProgress start(Path pgdata, long expectedBytes, Out out, String what) {
        RestoreProgress p = new RestoreProgress();
        Instant start = Instant.now();
        if (out.redraws()) {
            p.out = out;
            // a bar redrawn in place every second
            p.timer.scheduleAtFixedRate(() -> ProgressLine.draw(out, ProgressLine.render(what, size(pgdata),
                    expectedBytes, Duration.between(start, Instant.now()).toSeconds(), 100)), 1, 1, TimeUnit.SECONDS);
            return p;
        }
        p.timer.scheduleAtFixedRate(() -> {
            long have = size(pgdata);
            String pct = expectedBytes > 0 ? String.format(" (%d%%)", Math.min(100, have * 100 / expectedBytes)) : "";
            out.info(what + ": " + Units.bytes(have) + (expectedBytes > 0 ? " of " + Units.bytes(expectedBytes) : "")
                    + pct + " in PGDATA after " + Duration.between(start, Instant.now()).toSeconds() + " s");
        }, 10, 10, TimeUnit.SECONDS);
        return p;
    }

    static long size(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private Out out;

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (out != null) {
            ProgressLine.draw(out, "");
        }
    }
}
