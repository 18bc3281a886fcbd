package dev.pgctl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When the monitor reads the repository again, and when a scrape gathers the local facts again. */
class RefreshRuleTest {
    static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    static Optional<Instant> at(int secondsAfterT) {
        return Optional.of(T.plusSeconds(secondsAfterT));
    }

    static Stream<Arguments> repository() {
        return Stream.of(
                Arguments.of("never read", Optional.empty(), Optional.empty(), 0, true),
                Arguments.of("never read, a backup ended", Optional.empty(), at(-10), 0, true),
                Arguments.of("read 1 s ago", at(0), Optional.empty(), 1, false),
                Arguments.of("read 59 s ago", at(0), Optional.empty(), 59, false),
                Arguments.of("read 60 s ago: once a minute", at(0), Optional.empty(), 60, true),
                Arguments.of("read 10 min ago", at(0), Optional.empty(), 600, true),
                Arguments.of("a backup ended after the read", at(0), at(5), 10, true),
                Arguments.of("a backup ended the same second the read started", at(0), at(0), 10, false),
                Arguments.of("the last backup ended before the read", at(0), at(-30), 10, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repository")
    void readsTheRepositoryOnceAMinuteAndAfterEveryBackup(String name, Optional<Instant> lastRead,
            Optional<Instant> backupEnded, int nowAfterT, boolean due) {
        assertEquals(due, RefreshRule.repositoryDue(lastRead, backupEnded, T.plusSeconds(nowAfterT)));
    }

    static Stream<Arguments> local() {
        return Stream.of(
                Arguments.of("nothing gathered yet", Optional.empty(), 0, true),
                Arguments.of("gathered 1 s ago", at(0), 1, false),
                Arguments.of("gathered 4.999 s ago", at(0), 4, false),
                Arguments.of("gathered 5 s ago", at(0), 5, true),
                Arguments.of("the clock went back", at(0), -30, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("local")
    void gathersLocalFactsForAScrapeWhenOlderThanFiveSeconds(String name, Optional<Instant> taken, int nowAfterT,
            boolean due) {
        Instant now = nowAfterT == 4 ? T.plusMillis(4999) : T.plusSeconds(nowAfterT);
        assertEquals(due, RefreshRule.localDue(taken, now));
    }
}
