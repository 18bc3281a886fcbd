package dev.pgctl.replica;

import java.time.Duration;

/** Waits: the real one sleeps, a test's one moves its clock. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
