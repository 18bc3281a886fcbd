package dev.pgctl.restore;

import dev.pgctl.exec.Proc.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The throwaway server of a restore drill while it recovers: promoted, still recovering, or dead. */
final class DrillServer {
    enum State { PROMOTED, RECOVERING, DIED }

    private DrillServer() {
    }

    /**
     * @param alive      the postmaster still runs (its postmaster.pid names a live process)
     * @param inRecovery the answer to {@code select pg_is_in_recovery()} over the drill's socket
     */
    static State state(boolean alive, Result inRecovery) {
        if (inRecovery.ok() && inRecovery.stdout().strip().equals("f")) {
            return State.PROMOTED;
        }
        return alive ? State.RECOVERING : State.DIED;
    }

    /**
     * Why the server stopped or did not start, from its log: its FATAL and PANIC lines, without those the
     * drill's own connection attempts caused while the server was starting; else the last five lines.
     */
    static String reason(List<String> log) {
        List<String> own = log.stream()
                .filter(l -> !l.contains("not yet accepting connections") && !l.contains("the database system is starting up"))
                .toList();
        List<String> fatal = own.stream().filter(l -> l.contains("FATAL") || l.contains("PANIC")).toList();
        List<String> shown = fatal.isEmpty() ? own.subList(Math.max(0, own.size() - 5), own.size()) : fatal;
        return String.join("\n", shown);
    }

    /** The postmaster PID in DIR/postmaster.pid, if the file is there. */
    static Optional<Long> pid(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * True while the server runs: PostgreSQL removes postmaster.pid when it shuts down (also after a FATAL
     * error in recovery), and a killed postmaster leaves a file naming a process that is gone.
     */
    static boolean alive(Path dir) {
        return pid(dir).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }
}
