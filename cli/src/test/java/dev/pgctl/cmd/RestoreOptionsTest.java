package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.Pgctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgctl restore refuses a bad target option or drill directory with exit 3, naming the option, before
 * it asks the repository or PostgreSQL anything (these run without either).
 */
class RestoreOptionsTest {
    record Run(int code, String err) {
    }

    static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Pgctl.commandLine().execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aTargetOptionWithANewlineExits3NamingTheOption() {
        Run r = run("restore", "--yes", "--lsn", "0/1\n--repo1-path=/elsewhere");
        assertEquals(ExitCodes.CONFIG, r.code(), r.err());
        assertTrue(r.err().contains("--lsn: holds a newline (\\n) at position 4"), r.err());
        assertFalse(r.err().lines().anyMatch(l -> l.startsWith("--repo1-path")), r.err());
    }

    @Test
    void eachTargetOptionGetsTheChecksOfItsVariable() {
        assertTrue(run("restore", "--yes", "--lsn", "3000060").err().contains("--lsn: '3000060' is not an LSN"));
        assertTrue(run("restore", "--yes", "--set", "latest").err().contains("fix: --set 20261122-010000F"));
        assertTrue(run("restore", "--yes", "--name", "it's").err().contains("--name: 'it's' holds a quote"));
        Run time = run("restore", "--yes", "--time", "2026-11-22 03:10:00+00\n");
        assertEquals(ExitCodes.CONFIG, time.code(), time.err());
        assertTrue(time.err().contains("--time: holds a newline"), time.err());
    }

    @Test
    void aDrillDirectoryThatAShellWouldReadExits3AndIsNotCreated(@TempDir Path tmp) {
        Path dir = tmp.resolve("drill $(touch x)");
        Run r = run("restore", "--to", dir.toString());
        assertEquals(ExitCodes.CONFIG, r.code(), r.err());
        assertTrue(r.err().contains("--to: '" + dir + "' holds a space"), r.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void twoOfTimeNameAndLsnAreAWrongCommandLine() {
        Run r = run("restore", "--yes", "--time", "2026-11-22 03:10:00+00", "--lsn", "0/3000060");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--time=TIME, --lsn=LSN are mutually exclusive (specify only one)"), r.err());
        Run drill = run("restore", "--to", "/tmp/drill", "--name", "x", "--lsn", "0/3000060");
        assertEquals(ExitCodes.USAGE, drill.code(), drill.err());
        assertTrue(drill.err().contains("mutually exclusive"), drill.err());
    }
}
