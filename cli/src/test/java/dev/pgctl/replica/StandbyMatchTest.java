package dev.pgctl.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.exec.Proc.Result;
import dev.pgctl.replica.StandbyMatch.Verdict;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StandbyMatchTest {
    static final String IDENTIFY = "7441234567890123456|1|0/3000060|\n";

    static Stream<Arguments> table() {
        return Stream.of(
                // local system id, psql IDENTIFY_SYSTEM exit, stdout, stderr -> verdict
                Arguments.of(Optional.of("7441234567890123456"), 0, IDENTIFY, "", new Verdict.Same("7441234567890123456")),
                Arguments.of(Optional.of("7449999999999999999"), 0, IDENTIFY, "",
                        new Verdict.Other("7449999999999999999", "7441234567890123456")),
                Arguments.of(Optional.empty(), 0, IDENTIFY, "", new Verdict.Unknown("no local system id")),
                Arguments.of(Optional.of("7441234567890123456"), 2, "",
                        "psql: error: connection to server at \"db\" (172.18.0.2), port 5432 failed: Connection refused\n",
                        new Verdict.Unknown("psql: error: connection to server at \"db\" (172.18.0.2), port 5432 failed: "
                                + "Connection refused")),
                Arguments.of(Optional.empty(), 2, "", "psql: error: timeout expired\n",
                        new Verdict.Unknown("psql: error: timeout expired")));
    }

    @ParameterizedTest(name = "{0}, exit {1} -> {4}")
    @MethodSource("table")
    void compares(Optional<String> local, int exit, String stdout, String stderr, Verdict verdict) {
        assertEquals(verdict, StandbyMatch.compare(local, new Result(exit, stdout, stderr, false)));
    }
}
