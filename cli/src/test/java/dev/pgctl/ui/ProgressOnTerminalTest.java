package dev.pgctl.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.builtins.ScreenTerminal;
import org.junit.jupiter.api.Test;

/**
 * The progress line and log lines on one terminal, read as the terminal shows them (JLine's VT100 screen): a
 * log line written while a progress line shows goes above it, whole, and the progress line is drawn again below.
 */
class ProgressOnTerminalTest {
    final ByteArrayOutputStream tty = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(tty, true, StandardCharsets.UTF_8);

    List<String> screen() {
        ScreenTerminal t = new ScreenTerminal(100, 30);
        t.write(tty.toString(StandardCharsets.UTF_8).replace("\n", "\r\n"));
        List<String> lines = t.toString().lines().map(String::stripTrailing).toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        return lines.subList(0, end);
    }

    @Test
    void logLinesGoAboveTheProgressLineWhichStaysOnItsOwnLine() {
        Out out = new Out(stream, stream, new Out.Mode(true, false, true), "backup");
        out.info("starting a full backup");
        out.progress(ProgressLine.render("full backup", 30, 100, 4, 100));
        out.info("a line while it shows");
        out.as("other").warn("a warning\nof two lines");
        out.progress(ProgressLine.render("full backup", 60, 100, 6, 100));
        assertEquals(List.of("starting a full backup", "a line while it shows", "WARNING a warning", "  of two lines",
                ProgressLine.render("full backup", 60, 100, 6, 100)), screen());
        out.progress("");
        out.info("full backup done");
        assertEquals(List.of("starting a full backup", "a line while it shows", "WARNING a warning", "  of two lines",
                "full backup done"), screen());
    }

    @Test
    void whereLinesCannotBeRedrawnNothingIsDrawn() {
        Out out = new Out(stream, stream, new Out.Mode(true, false, false), "backup");
        assertEquals(false, out.progress("full backup  10%"));
        out.info("done");
        assertEquals("done\n", tty.toString(StandardCharsets.UTF_8));
    }

    /** pgBackRest's lines are held back for a summary only on a terminal, in text, without --verbose. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "true, false, false, true", "true, false, true, false", "true, true, false, false", "false, false, false, false",
        "false, false, true, false"})
    void whenPgBackRestsLinesAreHeld(boolean terminal, boolean json, boolean verbose, boolean held) {
        assertEquals(held, Relay.holds(terminal, json, verbose));
    }

    /** Every colour or bold escape is reset on its own line: none spans a line break (the next line starts plain). */
    @Test
    void coloursNeverSpanALineBreak() {
        Out out = new Out(stream, stream, new Out.Mode(true, true, true), "status");
        String text = out.red("the throwaway server stopped during recovery:\nFATAL: x\n") + out.green("ok") + "\n"
                + out.yellow("a\n\nb");
        assertTrue(text.contains("\u001b["), "coloured at all: " + text);
        Pattern sgr = Pattern.compile("\u001b\\[([0-9;]*)m");
        for (String line : text.split("\n", -1)) {
            Matcher m = sgr.matcher(line);
            boolean on = false;
            while (m.find()) {
                on = !(m.group(1).isEmpty() || m.group(1).equals("0"));
            }
            assertTrue(!on, "a colour left on at the end of the line: " + line.replace("\u001b", "ESC"));
        }
    }
}
