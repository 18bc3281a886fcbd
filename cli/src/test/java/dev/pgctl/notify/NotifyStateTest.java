package dev.pgctl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotifyStateTest {
    static final Instant LAST = Instant.parse("2026-11-22T03:00:00Z");

    static Stream<Arguments> heartbeats() {
        return Stream.of(
                // last beat (empty: never), seconds since it, interval, archiving healthy -> due
                Arguments.of(null, 0, 60, true, true),
                Arguments.of(null, 0, 60, false, false),
                Arguments.of(LAST, 30, 60, true, false),
                Arguments.of(LAST, 49, 60, true, false),
                // evaluations about a minute apart: one a little under a minute later beats
                Arguments.of(LAST, 50, 60, true, true),
                Arguments.of(LAST, 59, 60, true, true),
                Arguments.of(LAST, 60, 60, true, true),
                Arguments.of(LAST, 59, 60, false, false),
                Arguments.of(LAST, 280, 300, true, false),
                Arguments.of(LAST, 290, 300, true, true));
    }

    @ParameterizedTest(name = "last {0}, {1} s later, interval {2} s, healthy {3} -> due {4}")
    @MethodSource("heartbeats")
    void aHeartbeatIsDueOncePerIntervalWhileArchivingIsHealthy(Instant last, int since, int interval, boolean healthy,
            boolean due) {
        NotifyState s = new NotifyState(Alerts.State.EMPTY, Optional.ofNullable(last).map(Instant::toString));
        Instant now = (last == null ? LAST : last).plusSeconds(since);
        assertEquals(due, s.heartbeatDue(now, Duration.ofSeconds(interval), healthy));
    }
}
