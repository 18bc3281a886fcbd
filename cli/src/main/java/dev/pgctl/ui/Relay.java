package dev.pgctl.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Another program's output lines (pgBackRest's) as a command passes them on. Without a terminal (docker logs,
 * cron, scripts, docker exec without -t) and in JSON lines, every line is logged as it comes, so the logs keep
 * every detail. On a terminal a person reads a progress line and a summary instead: the lines are kept, and shown
 * in full only when the operation fails ({@link #replay}, after the error), or as they come with --verbose.
 */
public final class Relay implements Consumer<String> {
    private final Out out;
    private final String program;
    private final boolean hold;
    private final List<String> kept = new ArrayList<>();

    private Relay(Out out, String program, boolean hold) {
        this.out = out;
        this.program = program;
        this.hold = hold;
    }

    /** Holds the lines on a terminal (text lines) unless {@code verbose}; passes them on everywhere else. */
    public static Relay of(Out out, String program, boolean verbose) {
        return new Relay(out, program, holds(out.isTerminal(), out.json(), verbose));
    }

    /** Whether lines are held back for a summary: on a terminal, in text, without --verbose. Pure. */
    public static boolean holds(boolean terminal, boolean json, boolean verbose) {
        return terminal && !json && !verbose;
    }

    /** Whether a command ends with a summary for a person: on a terminal, in text (--verbose or not). */
    public static boolean summary(Out out) {
        return out.isTerminal() && !out.json();
    }

    /** Whether the lines are held (shown only if the operation fails). */
    public boolean holding() {
        return hold;
    }

    @Override
    public synchronized void accept(String line) {
        if (hold) {
            kept.add(line);
        } else {
            out.relay(program, line);
        }
    }

    /** After a failure, whose error the caller printed first: the held lines, in full. Nothing when none were held. */
    public synchronized void replay() {
        if (!hold || kept.isEmpty()) {
            return;
        }
        out.info(program + "'s output:");
        kept.forEach(l -> out.relay(program, l));
        kept.clear();
    }
}
