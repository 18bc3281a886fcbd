package dev.pgctl.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.wal.WalForecast.Forecast;
import dev.pgctl.wal.WalForecast.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The growth rate of the WAL backlog, the time until pg_wal is full, and when that warns. */
class WalForecastTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final long MIB = 1L << 20;

    static Sample at(long secondsAgo, long waitingMib, long freeMib) {
        return new Sample(NOW.minusSeconds(secondsAgo), waitingMib * MIB, freeMib * MIB);
    }

    static Stream<Arguments> forecasts() {
        return Stream.of(
                // name, history, now, rate (bytes/s), seconds to full
                Arguments.of("no history: no rate yet", List.of(), at(0, 32, 300), Optional.empty(), Optional.empty()),
                Arguments.of("history younger than 30 s: no rate yet", List.of(at(29, 16, 316)), at(0, 32, 300),
                        Optional.empty(), Optional.empty()),
                Arguments.of("30 s of history: 16 MiB in 32 s", List.of(at(32, 16, 316)), at(0, 32, 300),
                        Optional.of(16.0 * MIB / 32), Optional.of(600L)),
                Arguments.of("the oldest sample within 10 min is the base", List.of(at(300, 0, 332), at(120, 16, 316),
                        at(30, 32, 300)), at(0, 48, 284), Optional.of(48.0 * MIB / 300), Optional.of(1775L)),
                Arguments.of("older than 10 min is left out", List.of(at(900, 0, 900), at(600, 60, 240)), at(0, 120, 180),
                        Optional.of(0.1 * MIB), Optional.of(1800L)),
                Arguments.of("a backlog that does not grow: no time to full", List.of(at(120, 64, 200)), at(0, 64, 200),
                        Optional.of(0.0), Optional.empty()),
                Arguments.of("a backlog that shrinks (archiving caught up)", List.of(at(100, 64, 200)), at(0, 0, 264),
                        Optional.of(-64.0 * MIB / 100), Optional.empty()),
                Arguments.of("nothing waits now: no time to full", List.of(at(100, 0, 200)), at(0, 0, 100),
                        Optional.of(0.0), Optional.empty()),
                Arguments.of("a full disk: 0 s", List.of(at(60, 0, 16)), at(0, 16, 0), Optional.of(16.0 * MIB / 60),
                        Optional.of(0L)),
                Arguments.of("samples after now are ignored", List.of(at(-20, 500, 1)), at(0, 16, 300), Optional.empty(),
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forecasts")
    void forecast(String name, List<Sample> history, Sample now, Optional<Double> rate, Optional<Long> toFull) {
        Forecast f = WalForecast.of(history, now);
        assertEquals(rate.map(r -> Math.round(r * 1000)), f.rate().map(r -> Math.round(r * 1000)), "rate");
        assertEquals(toFull, f.secondsToFull(), "seconds to full");
        assertEquals(now.bytesWaiting(), f.bytesWaiting());
        assertEquals(now.freeBytes(), f.freeBytes());
    }

    static Forecast toFull(long seconds) {
        return new Forecast(64 * MIB, 500 * MIB, Optional.of(1.0 * MIB), Optional.of(seconds));
    }

    static Stream<Arguments> warnings() {
        return Stream.of(
                Arguments.of("no time to full", new Forecast(0, 500 * MIB, Optional.of(0.0), Optional.empty()),
                        Optional.of(NOW.minusSeconds(86400)), Optional.empty()),
                Arguments.of("full in 59 min 59 s", toFull(3599), Optional.empty(), Optional.of("under an hour")),
                Arguments.of("full in one hour, backlog 10 min old", toFull(3600), Optional.of(NOW.minusSeconds(600)),
                        Optional.empty()),
                Arguments.of("full in 2 h, backlog 1 h 59 min old: more than half left", toFull(7200),
                        Optional.of(NOW.minusSeconds(7140)), Optional.empty()),
                Arguments.of("full in 2 h, backlog 2 h old: half the time gone", toFull(7200),
                        Optional.of(NOW.minusSeconds(7200)), Optional.of("half of the time since WAL began to pile up is gone")),
                Arguments.of("full in 2 h, backlog start unknown", toFull(7200), Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warnings")
    void warns(String name, Forecast f, Optional<Instant> since, Optional<String> why) {
        assertEquals(why, WalForecast.warning(f, since, NOW));
    }

    @Test
    void keepsTenMinutesAtMostOneSampleEveryFiveSeconds() {
        List<Sample> kept = WalForecast.keep(List.of(at(700, 0, 1), at(590, 1, 1), at(20, 2, 1), at(16, 3, 1)), at(10, 4, 1));
        assertEquals(List.of(at(590, 1, 1), at(20, 2, 1), at(16, 3, 1), at(10, 4, 1)), kept);
        assertEquals(List.of(at(20, 2, 1), at(16, 3, 1)), WalForecast.keep(List.of(at(20, 2, 1), at(16, 3, 1)), at(14, 4, 1)),
                "a sample 2 s after the last one is not kept");
        List<Sample> again = WalForecast.keep(kept, at(6, 5, 1));
        assertEquals(kept, again, "a sample 4 s after the last one is not kept");
        assertEquals(5, WalForecast.keep(kept, at(5, 5, 1)).size(), "one 5 s after the last one is");
    }
}
