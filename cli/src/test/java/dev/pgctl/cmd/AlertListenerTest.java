package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertListenerTest {
    static final Instant T = Instant.parse("2026-12-02T12:00:00Z");

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("the first snapshot", Optional.empty(), T, true),
                Arguments.of("10 s after the last evaluation", Optional.of(T), T.plusSeconds(10), false),
                Arguments.of("29 s after", Optional.of(T), T.plusSeconds(29), false),
                Arguments.of("30 s after", Optional.of(T), T.plusSeconds(30), true),
                Arguments.of("an hour after", Optional.of(T), T.plusSeconds(3600), true),
                Arguments.of("a clock that went back", Optional.of(T), T.minusSeconds(5), false));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void anEvaluationIsDueEvery30Seconds(String name, Optional<Instant> last, Instant now, boolean due) {
        assertEquals(due, AlertListener.due(last, now));
    }
}
