package dev.pgctl;

import dev.pgctl.problem.ExitCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every error goes through pgctl's one handler: a message and a documented exit code, never a stack trace. */
class PgctlErrorsTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private void assertNoStackTrace(String out) {
        assertFalse(out.contains("\tat "), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void replicaWithoutSubcommandReportsThroughTheHandler() {
        // no PostgreSQL answers on this machine's socket: replica status fails with its documented exit 1
        int rc = Pgctl.commandLine().execute("replica");
        String out = output();
        assertNoStackTrace(out);
        assertTrue(out.contains("postgresql: does not answer on"), out);
        assertTrue(out.contains("fix: "), out);
        assertEquals(ExitCodes.FAILED, rc, out);
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("something unexpected");
        }
    }

    @Test
    void anUnexpectedErrorOfAnyCommandIsOneLineAndExitOne() {
        CommandLine cl = Pgctl.commandLine();
        cl.addSubcommand("boom", new Boom());
        int rc = cl.execute("boom");
        String out = output();
        assertFalse(out.contains("\tat "), out);
        assertTrue(out.contains("ERROR IllegalStateException: something unexpected"), out);
        assertEquals(ExitCodes.FAILED, rc, out);
    }

    @Test
    void aWrongCommandLineIsExitTwoWithoutStackTrace() {
        int rc = Pgctl.commandLine().execute("backup", "weekly");
        String out = output();
        assertNoStackTrace(out);
        assertEquals(ExitCodes.USAGE, rc, out);
    }
}
