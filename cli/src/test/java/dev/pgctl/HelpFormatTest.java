package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every help text formats: a lone % in a description (e.g. "10% of") makes picocli print a warning to the user. */
class HelpFormatTest {
    @Test
    void noHelpTextMakesPicocliWarn() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            render(Pgctl.commandLine());
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    private static void render(CommandLine cl) {
        cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        cl.getSubcommands().values().forEach(HelpFormatTest::render);
    }
}
