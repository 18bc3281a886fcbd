package dev.pgctl.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressLineTest {
    @Test
    void aBarWithPercentAndSizes() {
        assertEquals("full backup  [#############-----------------]  46%  1.2 GiB of 2.6 GiB  12 s",
                ProgressLine.render("full backup", 1288490189L, 2791728742L, 12, 100));
    }

    @Test
    void withoutATotalOnlyBytesAndNeverWiderThanTheTerminal() {
        assertEquals("drill restore  512.0 MiB  3 s", ProgressLine.render("drill restore", 512L << 20, 0, 3, 100));
        assertTrue(ProgressLine.render("full backup", 1, 2, 1, 20).length() <= 20);
        assertEquals("full backup  [##############################] 100%  5 B of 2 B  1 s",
                ProgressLine.render("full backup", 5, 2, 1, 100), "never more than 100%");
    }

    @Test
    void redrawReturnsToTheLineStartAndErasesTheRest() {
        assertEquals("\rabc\u001b[K", ProgressLine.redraw("abc"));
    }

    @ParameterizedTest(name = "console={0} TERM={1}: the line is redrawn: {2}")
    @CsvSource(nullValues = "none", value = {
        "true,  xterm-256color, true",
        "true,  none,           true",
        // a dumb terminal cannot erase a line: not one escape, not even the carriage return
        "true,  dumb,           false",
        "false, xterm,          false"})
    void drawsOnlyWhereTheTerminalCanRedrawALine(boolean console, String term, boolean redrawn) {
        Map<String, String> env = new HashMap<>();
        if (term != null) {
            env.put("TERM", term);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Out out = new Out(sink, sink, Out.Mode.of(console, env), "test");
        assertEquals(redrawn, ProgressLine.draw(out, ProgressLine.render("full backup", 1, 2, 1, 100)));
        assertEquals(redrawn, ProgressLine.draw(out, ""));
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(redrawn ? "\rfull backup  [###############---------------]  50%  1 B of 2 B  1 s\u001b[K\r\u001b[K" : "",
                written);
    }
}
