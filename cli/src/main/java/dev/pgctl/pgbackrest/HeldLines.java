package dev.pgctl.pgbackrest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes pgBackRest's output lines on, but holds back the first ones (the
 * "command begin" line and whatever follows until the command gets going) so
 * that a command which ends at once because another backup holds the lock
 * can be reported as one clear line instead of pgBackRest's error block.
 */
public final class HeldLines implements Consumer<String> {
    private final Consumer<String> sink;
    private final Runnable onStart;
    private final List<String> held = new ArrayList<>();
    private boolean passing;

    public HeldLines(Consumer<String> sink) {
        this(sink, () -> { });
    }

    /** onStart runs once, just before the first line is passed on. */
    public HeldLines(Consumer<String> sink, Runnable onStart) {
        this.sink = sink;
        this.onStart = onStart;
    }

    @Override
    public synchronized void accept(String line) {
        if (passing) {
            sink.accept(line);
            return;
        }
        held.add(line);
        // Once pgBackRest reports real work, nothing can be a lock conflict any more.
        if (!line.contains("command begin") && !line.contains("ERROR") && !line.startsWith(" ")
                && !line.contains("HINT") && !line.contains("aborted with exception")) {
            release();
        }
    }

    /** Hands the held lines on (the command did not end with a lock conflict). */
    public synchronized void release() {
        if (!passing) {
            onStart.run();
        }
        passing = true;
        held.forEach(sink);
        held.clear();
    }

    /** Drops the held lines (the caller reports the outcome itself). */
    public synchronized void discard() {
        held.clear();
        passing = true;
    }
}
