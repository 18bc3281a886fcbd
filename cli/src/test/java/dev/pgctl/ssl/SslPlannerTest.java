package dev.pgctl.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.ssl.SslPlanner.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SslPlannerTest {
    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    static final Path DIR = Path.of("/var/lib/postgresql/ssl");
    static final List<String> WANTED = List.of("DNS:db", "DNS:localhost");

    static Optional<CertInfo> cert(long daysLeft, String... sans) {
        return Optional.of(new CertInfo("CN=db", "CN=ca", List.of(sans), NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(daysLeft)), "AA"));
    }

    static SslPlanner.Dir dir(boolean crt, boolean key, boolean generated, boolean caKey, Optional<CertInfo> c,
            Optional<Boolean> match) {
        return new SslPlanner.Dir(DIR, crt, key, generated, caKey, c, match);
    }

    static Stream<Arguments> table() {
        Optional<Boolean> yes = Optional.of(true);
        return Stream.of(
                Arguments.of("empty directory", dir(false, false, false, false, Optional.empty(), Optional.empty()), Action.GENERATE, null),
                Arguments.of("only the certificate", dir(true, false, false, false, cert(100, "DNS:db"), Optional.empty()), Action.REFUSE, "/var/lib/postgresql/ssl/server.key"),
                Arguments.of("only the key", dir(false, true, false, false, Optional.empty(), Optional.empty()), Action.REFUSE, "/var/lib/postgresql/ssl/server.crt"),
                Arguments.of("user's, valid", dir(true, true, false, false, cert(100, "DNS:other"), yes), Action.USE_PROVIDED, null),
                Arguments.of("user's, key does not match", dir(true, true, false, false, cert(100), Optional.of(false)), Action.REFUSE, "/var/lib/postgresql/ssl/server.key"),
                Arguments.of("user's, expired", dir(true, true, false, false, cert(-1), yes), Action.REFUSE, "/var/lib/postgresql/ssl/server.crt"),
                Arguments.of("user's, expiring soon is still used", dir(true, true, false, false, cert(3), yes), Action.USE_PROVIDED, null),
                Arguments.of("generated, valid", dir(true, true, true, true, cert(300, "DNS:db", "DNS:localhost"), yes), Action.USE_GENERATED, null),
                Arguments.of("generated, expiring", dir(true, true, true, true, cert(20, "DNS:db", "DNS:localhost"), yes), Action.RENEW, null),
                Arguments.of("generated, a new host name", dir(true, true, true, true, cert(300, "DNS:localhost"), yes), Action.RENEW, null),
                Arguments.of("generated, CA key removed", dir(true, true, true, false, cert(20, "DNS:localhost"), yes), Action.USE_GENERATED, null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("table")
    void decides(String name, SslPlanner.Dir d, Action action, String subject) {
        SslPlanner.Decision decision = SslPlanner.decide(d, WANTED, NOW);
        assertEquals(action, decision.action(), decision.reason());
        if (subject != null) {
            assertEquals(subject, decision.problem().orElseThrow().subject());
            assertTrue(decision.problem().get().fix().stream().anyMatch(f -> f.contains("rm /var/lib/postgresql/ssl/server.crt")),
                    "every refusal says how to let pgctl generate instead");
        }
    }
}
