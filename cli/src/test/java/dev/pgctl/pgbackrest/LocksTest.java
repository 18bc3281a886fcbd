package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.exec.Proc.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocksTest {
    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of("exit 50 (pgBackRest's LockAcquireError)", new Result(50,
                        "", "ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/main-backup-1.lock'", false), true),
                Arguments.of("the error named in the output, other exit code", new Result(1,
                        "", "ERROR: [050]: LockAcquireError: unable to acquire lock", false), true),
                Arguments.of("named on stdout when stderr is empty", new Result(1, "LockAcquireError", "", false), true),
                Arguments.of("done", new Result(0, "", "", false), false),
                Arguments.of("another error", new Result(82, "", "ERROR: [082]: WAL segment was not archived", false), false),
                Arguments.of("timed out", new Result(124, "", "", true), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void aHeldLockIsExit50OrLockAcquireError(String what, Result r, boolean held) {
        assertEquals(held, Locks.held(r), what);
    }
}
