package dev.pgctl.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.restore.DrillServer.State;
import dev.pgctl.exec.Proc.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;

/** A drill stops waiting for promotion as soon as its throwaway server is gone. */
class DrillServerTest {
    static final Result PROMOTED = new Result(0, "f\n", "", false);
    static final Result RECOVERING = new Result(0, "t\n", "", false);
    static final Result NO_ANSWER = new Result(2, "", "psql: error: connection to server on socket failed", false);

    @Test
    void decides() {
        assertEquals(State.PROMOTED, DrillServer.state(true, PROMOTED));
        assertEquals(State.RECOVERING, DrillServer.state(true, RECOVERING));
        assertEquals(State.RECOVERING, DrillServer.state(true, NO_ANSWER), "alive but not answering yet: keep waiting");
        assertEquals(State.DIED, DrillServer.state(false, NO_ANSWER));
        assertEquals(State.DIED, DrillServer.state(false, RECOVERING));
    }

    @Test
    void theReasonIsTheServersOwnFatalLinesNotTheDrillsConnectionAttempts() {
        String attempt = "2026-12-02 06:22:11.239 UTC [1144] FATAL:  the database system is not yet accepting connections";
        String ended = "2026-12-02 06:04:25.192 UTC [832] FATAL:  recovery ended before configured recovery target was reached";
        assertEquals(ended, DrillServer.reason(List.of("LOG:  starting PostgreSQL 18.6", attempt, ended,
                "LOG:  database system is shut down")));
        assertEquals("b\nc\nd\ne\nf", DrillServer.reason(List.of("a", "b", attempt, "c", "d", "e", attempt, "f")),
                "killed with -9 (no FATAL of its own): its last lines");
    }

    @Test
    void aliveFollowsThePostmasterPidFileAndItsProcess(@TempDir Path dir) throws Exception {
        assertFalse(DrillServer.alive(dir), "no postmaster.pid: no server");
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n/tmp/drill\n");
        assertTrue(DrillServer.alive(dir), "a running process");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(dir.resolve("postmaster.pid"), p.pid() + "\n/tmp/drill\n");
        assertFalse(DrillServer.alive(dir), "a postmaster killed with -9 leaves the file naming a dead process");
    }
}
