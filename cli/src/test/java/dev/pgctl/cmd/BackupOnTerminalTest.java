package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.failed;
import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.exec.FakeProc;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jline.builtins.ScreenTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manual backup on a terminal ({@code docker compose exec db pgctl backup full --label tty-demo}): a short summary
 * instead of pgBackRest's INFO stream, which shows only with --verbose or, in full after the error, when it fails.
 * The output is read as the terminal shows it, through JLine's VT100 screen.
 */
class BackupOnTerminalTest {
    static final Out.Mode TERMINAL = new Out.Mode(true, false, true);
    /** What pgBackRest 2.60 prints for a full backup that expires an older set (its lines, shortened, without times). */
    static final String OUTPUT = """
            P00   INFO: backup command begin 2.60.0: --annotation=pgctl-label=tty-demo --compress-type=zst --exec-id=1 \
            --log-level-console=info --pg1-path=/var/lib/postgresql/18/docker --repo1-path=/pgbackrest --stanza=main --type=full
            P00   INFO: execute non-exclusive backup start: backup begins after the requested immediate checkpoint completes
            P00   INFO: backup start archive = 000000010000000000000006, lsn = 0/6000028
            P00   INFO: new backup label = 20261122-024853F
            P00   INFO: full backup size = 22.6MB, file total = 1272
            P00   INFO: backup command end: completed successfully (9312ms)
            P00   INFO: expire command begin 2.60.0: --exec-id=1 --log-level-console=info --repo1-retention-full=1 --stanza=main
            P00   INFO: repo1: expire full backup set 20261121-010000F, 20261121-010000F_20261121-013000I
            P00   INFO: repo1: remove expired backup 20261121-010000F_20261121-013000I
            P00   INFO: repo1: remove expired backup 20261121-010000F
            P00   INFO: repo1: 18-1 remove archive, start = 000000010000000000000001, stop = 000000010000000000000005
            P00   INFO: expire command end: completed successfully (12ms)
            """;

    @TempDir
    Path dir;
    Map<String, String> vars;
    String infoOk;

    @BeforeEach
    void setUp() throws IOException {
        vars = InProcess.vars(dir);
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-ok.json")) {
            infoOk = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lines a terminal of 160 columns shows for {@code bytes}, trailing spaces and empty lines at the end removed. */
    static List<String> screen(String bytes) {
        ScreenTerminal t = new ScreenTerminal(160, 60);
        t.write(bytes.replace("\n", "\r\n"));   // the terminal's own newline translation (onlcr)
        List<String> lines = t.toString().lines().map(String::stripTrailing).toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        return lines.subList(0, end);
    }

    private FakeProc proc(FakeProc.Result backup) {
        return new FakeProc().sql("select pg_is_in_recovery()", ok("f\n")).pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", backup);
    }

    @Test
    void aBackupEndsWithASummaryAndNoneOfPgBackRestsLines() throws Exception {
        InProcess.Run r = InProcess.onTerminal(vars, TERMINAL, proc(ok(OUTPUT)), "backup", "full", "--label", "tty-demo");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        List<String> screen = screen(r.stdout());
        assertEquals("starting a full backup labelled 'tty-demo'", screen.get(0), String.join("\n", screen));
        assertEquals("full backup done: 20261122-024853F", screen.get(1), String.join("\n", screen));
        assertEquals("  annotation  pgctl-label=first", screen.get(2));
        assertEquals("  size        22.6 MiB, stored 2.7 MiB (12 %)", screen.get(3));
        assertTrue(screen.get(4).matches("  took        [0-9.]+ s, [0-9.]+ [KMG]iB/s"), screen.get(4));
        assertEquals("  expired     backup set 20261121-010000F (with 1 that depended on it); "
                + "WAL 000000010000000000000001 to 000000010000000000000005", screen.get(5));
        assertEquals(6, screen.size(), String.join("\n", screen));
        assertFalse(r.stdout().contains("P00"), r.stdout());
    }

    @Test
    void withVerboseItAlsoShowsPgBackRestsLinesAsTheyCome() throws Exception {
        InProcess.Run r = InProcess.onTerminal(vars, TERMINAL, proc(ok(OUTPUT)), "backup", "full", "--verbose");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        List<String> screen = screen(r.stdout());
        assertTrue(screen.contains("pgbackrest: P00   INFO: new backup label = 20261122-024853F"), String.join("\n", screen)
                + "\nRAW:\n" + r.stdout());
        assertTrue(screen.contains("full backup done: 20261122-024853F"), String.join("\n", screen));
    }

    @Test
    void aFailedBackupShowsTheErrorFirstThenPgBackRestsLinesInFull() throws Exception {
        String out = "P00   INFO: backup command begin 2.60.0: --stanza=main --type=full\n"
                + "P00   INFO: execute non-exclusive backup start\n"
                + "P00  ERROR: [082]: WAL segment 000000010000000000000006 was not archived before the 300000ms timeout\n";
        InProcess.Run r = InProcess.onTerminal(vars, TERMINAL, proc(failed(82, out)), "backup", "full");
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
        List<String> screen = screen(r.stdout());
        int error = screen.indexOf("ERROR the full backup failed (pgBackRest exit 82): [082]: WAL segment "
                + "000000010000000000000006 was not archived before the 300000ms timeout");
        int begin = screen.indexOf("pgbackrest: P00   INFO: backup command begin 2.60.0: --stanza=main --type=full");
        assertTrue(error >= 0 && begin > error, "the error, then pgBackRest's lines:\n" + String.join("\n", screen));
        assertTrue(screen.contains("pgbackrest: P00  ERROR: [082]: WAL segment 000000010000000000000006 was not archived "
                + "before the 300000ms timeout"), String.join("\n", screen));
    }

    @Test
    void withoutATerminalEveryLineIsLoggedAsToday() throws Exception {
        InProcess.Run r = InProcess.run(vars, proc(ok(OUTPUT)), "backup", "full");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        for (String line : OUTPUT.split("\n")) {
            assertTrue(r.stdout().contains("pgctl[backup] pgbackrest: " + line), line + " in:\n" + r.all());
        }
        assertTrue(r.stdout().contains("full backup done in "), r.all());
        assertFalse(r.stdout().contains("  expired"), r.all());
    }
}
