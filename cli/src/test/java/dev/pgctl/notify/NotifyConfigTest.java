package dev.pgctl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.problem.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** PGCTL_NOTIFY_*: what is invalid stops the start naming the variable, never showing the URL. */
class NotifyConfigTest {
    static Config load(Map<String, String> vars, Map<String, String> files) throws ConfigLoader.InvalidConfig {
        return new ConfigLoader(new Env(vars, p -> {
            String c = files.get(p.toString());
            if (c == null) {
                throw new java.nio.file.NoSuchFileException(p.toString());
            }
            return c;
        }), 2).load();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("PGCTL_NOTIFY_URL", "hooks.example.com/services/T0KEN-secret", "is not a URL: it has no scheme (http:// or https://)"),
                Arguments.of("PGCTL_NOTIFY_URL", "ftp://hooks.example.com/T0KEN-secret", "is not an http:// or https:// URL"),
                Arguments.of("PGCTL_NOTIFY_URL", "https:///T0KEN-secret", "is not a URL pgctl can call: it has no host name"),
                Arguments.of("PGCTL_NOTIFY_HEARTBEAT_URL", "https://hc-ping.com/T0KEN secret", "is not a valid URL (Illegal character in path at position 26)"),
                Arguments.of("PGCTL_NOTIFY_HEARTBEAT_URL", "T0KEN-secret", "is not a URL: it has no scheme (http:// or https://)"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalid")
    void anInvalidUrlIsNamedNeverShown(String name, String value, String what) {
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of(name, value), Map.of()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals(name, p.subject());
        assertEquals(what + " (its value is not shown: such URLs carry tokens)", p.what());
        assertFalse(p.render().contains("T0KEN"), p.render());
    }

    @Test
    void fromAFileTheFileVariableIsNamed() {
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of("PGCTL_NOTIFY_URL_FILE", "/run/secrets/u"),
                Map.of("/run/secrets/u", "hooks.example.com/T0KEN-secret\n")));
        assertEquals("PGCTL_NOTIFY_URL_FILE", e.problems().get(0).subject());
        assertFalse(e.problems().get(0).render().contains("T0KEN"));
    }

    @Test
    void aControlCharacterIsRefusedWithoutShowingTheValue() {
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of("PGCTL_NOTIFY_URL", "https://h/T0KEN\nx"), Map.of()));
        assertEquals("PGCTL_NOTIFY_URL", e.problems().get(0).subject());
        assertFalse(e.problems().get(0).render().contains("T0KEN"), e.problems().get(0).render());
    }

    @Test
    void validUrlsAndIntervals() throws Exception {
        Config c = load(Map.of("PGCTL_NOTIFY_URL_FILE", "/run/secrets/u", "PGCTL_NOTIFY_HEARTBEAT_URL", "HTTP://hc/ping",
                "PGCTL_NOTIFY_REPEAT", "3600", "PGCTL_NOTIFY_HEARTBEAT_INTERVAL", "60"),
                Map.of("/run/secrets/u", "https://hooks.example.com/services/T0KEN\n"));
        assertEquals("https://hooks.example.com/services/T0KEN", c.notifications().url().get().reveal());
        assertEquals(Duration.ofHours(1), c.notifications().repeat());
        assertEquals(Duration.ofMinutes(1), c.notifications().heartbeatInterval());
        Config d = load(Map.of(), Map.of());
        assertEquals(Config.Notify.NONE, d.notifications());
    }

    @Test
    void aRepeatMoreOftenThanFiveMinutesIsRefused() {
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of("PGCTL_NOTIFY_REPEAT", "60"), Map.of()));
        assertEquals("PGCTL_NOTIFY_REPEAT", e.problems().get(0).subject());
    }
}
