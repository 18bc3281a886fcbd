package dev.pgctl.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
