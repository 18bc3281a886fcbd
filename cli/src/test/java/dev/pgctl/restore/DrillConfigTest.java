package dev.pgctl.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.config.RestoreTarget;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.render.PgBackRestConf;
import dev.pgctl.ui.Out;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill's throwaway server fetches WAL with pgBackRest's archive-get (its restore_command), which pgctl does not
 * start itself: it gets the same configuration as pgctl's runs, also where the rendered pgbackrest.conf is missing
 * (a one-off container), and that private copy lives until the server is stopped.
 */
class DrillConfigTest {
    @TempDir
    Path dir;

    @Test
    void theServersRestoreCommandReadsThePrivateCopyWhileItRuns() throws Exception {
        Path configured = dir.resolve("etc/pgbackrest.conf");
        Files.createDirectories(dir.resolve("pgdata"));
        Files.createDirectories(dir.resolve("run"));
        Map<String, String> vars = Map.of("PGBACKREST_REPO1_S3_BUCKET", "my-backups", "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com",
                "PGBACKREST_REPO1_S3_KEY", "AKIA", "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret",
                "PGDATA", dir.resolve("pgdata").toString(), "PGCTL_RUN_DIR", dir.resolve("run").toString(),
                "PGBACKREST_CONFIG", configured.toString());
        Config config;
        try {
            config = new ConfigLoader(new Env(vars, p -> { throw new IOException("no files"); }), 2).load();
        } catch (ConfigLoader.InvalidConfig e) {
            throw new AssertionError(e.problems().toString(), e);
        }
        String info;
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-ok.json")) {
            info = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> seenWhileStarting = new ArrayList<>();
        Pattern configOption = Pattern.compile("restore_command='pgbackrest --config=(\\S+) ");
        FakeProc proc = new FakeProc()
                .pgbackrest("info", FakeProc.ok(info))
                .pgbackrest("restore", FakeProc.ok("P00   INFO: repo1: restore backup set 20261122-024853F\n"))
                .answer(argv -> {
                    if (argv.get(0).equals("pg_ctl") && argv.contains("start")) {
                        Matcher m = configOption.matcher(String.join(" ", argv));
                        assertTrue(m.find(), String.join(" ", argv));
                        seenWhileStarting.add(m.group(1));
                        try {
                            seenWhileStarting.add(Files.readString(Path.of(m.group(1))));
                        } catch (IOException e) {
                            seenWhileStarting.add("unreadable: " + e);
                        }
                    }
                    return argv.get(0).equals("pg_ctl");
                }, FakeProc.failed(1, "pg_ctl: could not start server"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(sink, true, StandardCharsets.UTF_8);
        Out out = new Out(o, o, new Out.Mode(false, false, false), "restore");
        Drill.Report report = new Drill(config, proc, new PgBackRest(config, proc, new ConfFile(config, ConfFile.Disk.REAL)),
                out, dir.resolve("drill"), RestoreTarget.latest(), false, true).run();
        assertFalse(report.ok());
        assertEquals(2, seenWhileStarting.size(), sink.toString(StandardCharsets.UTF_8));
        Path privateCopy = Path.of(seenWhileStarting.get(0));
        assertFalse(privateCopy.equals(configured), "never the missing configured file");
        assertEquals(PgBackRestConf.render(config), seenWhileStarting.get(1), "the rendered configuration, while the server starts");
        assertFalse(Files.exists(privateCopy), "removed once the server was stopped");
    }
}
