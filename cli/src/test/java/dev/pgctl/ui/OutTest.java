package dev.pgctl.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutTest {
    static Stream<Arguments> decisions() {
        return Stream.of(
                // console, NO_COLOR, TERM -> terminal, colour, redraw
                Arguments.of(true, null, "xterm-256color", true, true, true),
                Arguments.of(true, null, null, true, true, true),
                Arguments.of(true, "1", "xterm", true, false, true),
                Arguments.of(true, "", "xterm", true, false, true),
                // a dumb terminal has neither colour nor the erase-line escape
                Arguments.of(true, null, "dumb", true, false, false),
                Arguments.of(false, null, "xterm", false, false, false),
                Arguments.of(false, null, null, false, false, false),
                Arguments.of(false, "1", "dumb", false, false, false));
    }

    @ParameterizedTest(name = "console={0} NO_COLOR={1} TERM={2}: terminal={3} colour={4} redraw={5}")
    @MethodSource("decisions")
    void theModeIsAFunctionOfTheConsoleAndTheEnvironment(boolean console, String noColor, String term,
            boolean terminal, boolean colour, boolean redraw) {
        Map<String, String> env = new HashMap<>();
        if (noColor != null) {
            env.put("NO_COLOR", noColor);
        }
        if (term != null) {
            env.put("TERM", term);
        }
        assertEquals(new Out.Mode(terminal, colour, redraw), Out.Mode.of(console, env));
    }

    @ParameterizedTest(name = "console={0} NO_COLOR={1} TERM={2}")
    @MethodSource("decisions")
    void withoutColourNotOneEscapeIsWritten(boolean console, String noColor, String term, boolean terminal,
            boolean colour, boolean redraw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Out out = new Out(sink, sink, terminal, colour, "test");
        out.info("plain " + out.bold("b") + out.green("g") + out.red("r") + out.yellow("y"));
        out.warn("careful\nsecond line");
        out.error("broken");
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(colour, written.contains("\u001b"), written);
        if (!colour) {
            assertTrue(written.contains("plain bgry") && written.contains("WARNING careful")
                    && written.contains("ERROR broken"), written);
        }
        // docker logs, cron, pipes: every line is stamped with the time and the command
        assertEquals(!terminal, written.lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z pgctl\\[test] .*")),
                written);
    }

    @org.junit.jupiter.api.Test
    void colourIsJansisEscapesAroundTheTextThenAReset() {
        Out out = new Out(System.out, System.err, true, true, "test");
        assertEquals("\u001b[1mb\u001b[m", out.bold("b"));
        assertEquals("\u001b[32mg\u001b[m", out.green("g"));
        assertEquals("\u001b[31;1mr\u001b[m", out.red("r"));
        assertEquals("\u001b[33my\u001b[m", out.yellow("y"));
        Out plain = new Out(System.out, System.err, true, false, "test");
        assertEquals("b", plain.bold("b"));
        assertFalse(plain.red("r").contains("\u001b"));
    }
}
