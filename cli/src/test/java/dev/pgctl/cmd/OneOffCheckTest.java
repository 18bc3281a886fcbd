package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.failed;
import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.render.PgBackRestConf;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker run --rm --env-file <env> <image> pgctl check}: a container where bootstrap never ran, so there is
 * no pgbackrest.conf and no cluster. The commands run on the real files side ({@link ConfFile.Disk#REAL}) and a
 * fake pgBackRest that records the configuration file it was given, as it was when it ran.
 */
class OneOffCheckTest {
    @TempDir
    Path dir;
    Map<String, String> vars;
    Path configured;
    String infoOk;
    /** For each pgbackrest run: its --config path, that file's content and mode while it ran. */
    final List<String[]> seen = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        configured = dir.resolve("etc/pgbackrest/pgbackrest.conf");
        vars = InProcess.vars(dir, "PGBACKREST_CONFIG", configured.toString());
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-ok.json")) {
            infoOk = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private FakeProc pgbackrest(String command, dev.pgctl.exec.Proc.Result result) {
        return new FakeProc().answer(argv -> argv.get(0).equals("pgbackrest") && argv.contains(command) && record(argv), result);
    }

    private boolean record(List<String> argv) {
        Path conf = Path.of(argv.stream().filter(a -> a.startsWith("--config=")).findFirst().orElseThrow()
                .substring("--config=".length()));
        try {
            seen.add(new String[] {conf.toString(), Files.readString(conf),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(conf.getParent()))});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private String rendered() throws ConfigLoader.InvalidConfig {
        return PgBackRestConf.render(new ConfigLoader(new Env(vars, p -> {
            throw new IOException("no files");
        }), 2).load());
    }

    private InProcess.Run check(FakeProc proc, String... more) throws ConfigLoader.InvalidConfig {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(more));
        return InProcess.run(vars, Out.Format.TEXT, proc, c -> ConfFile.Disk.REAL, args.toArray(String[]::new));
    }

    @Test
    void withoutPgbackrestConfTheRunGetsAPrivateRenderedCopyThatIsRemovedAfterwards() throws Exception {
        InProcess.Run r = check(pgbackrest("info", ok(infoOk)));
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(1, seen.size());
        String[] run = seen.get(0);
        assertNotEquals(configured.toString(), run[0], "the configured path is never written");
        assertEquals(rendered(), run[1], "the private copy is what bootstrap renders");
        assertEquals("rw-------", run[2]);
        assertEquals("rwx------", run[3]);
        assertFalse(Files.exists(Path.of(run[0])), "removed after the run");
        assertFalse(Files.exists(Path.of(run[0]).getParent()), "its directory too");
        assertFalse(Files.exists(configured), "nothing written at PGBACKREST_CONFIG");
        assertTrue(r.stdout().contains("pgbackrest.conf: rendered from the environment (no " + configured
                + " in this container)"), r.all());
    }

    @Test
    void goodSettingsPassEveryRepositoryLineAndSkipTheClusterChecks() throws Exception {
        FakeProc proc = pgbackrest("info", ok(infoOk));
        InProcess.Run r = check(proc);
        for (List<String> argv : proc.commands()) {
            assertFalse(String.join(" ", argv).contains("top-secret"), "no secret on a command line: " + argv);
        }
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        for (String line : List.of("ok      configuration", "ok      repository endpoint  s3.example.com:443 answers",
                "ok      repository TLS       certificate verified", "ok      repository login     S3 accepts the key and secret",
                "ok      repository bucket    s3://my-backups/pgbackrest readable", "ok      stanza",
                "skipped cluster              no cluster in this container",
                "skipped archive round trip   no cluster in this container", "all checks passed")) {
            assertTrue(r.stdout().contains(line), line + " in:\n" + r.all());
        }
        assertFalse(r.all().contains("top-secret"), "no secret in the output");
    }

    @Test
    void aWrongSecretFailsTheLoginLineWithItsFixAndExits7() throws Exception {
        InProcess.Run r = check(pgbackrest("info", failed(99,
                "P00  ERROR: [039]: HTTP request failed with 403 (Forbidden):\n*** Response Content ***:\n"
                        + "<Error><Code>SignatureDoesNotMatch</Code></Error>")));
        assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), r.all());
        for (String line : List.of("ok      repository endpoint", "ok      repository TLS",
                "FAILED  repository login     [039]: HTTP request failed with 403 (Forbidden): SignatureDoesNotMatch",
                "fix: S3 refused the credentials: check PGBACKREST_REPO1_S3_KEY and PGBACKREST_REPO1_S3_KEY_SECRET",
                "skipped repository bucket    not reached", "some checks failed")) {
            assertTrue(r.stdout().contains(line), line + " in:\n" + r.all());
        }
        assertFalse(r.stdout().contains("cluster"), "nothing checked after the repository:\n" + r.all());
    }

    @Test
    void aRepositoryWithoutTheStanzaYetIsNoFailureWhereThereIsNoCluster() throws Exception {
        String missing;
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-missing-stanza.json")) {
            missing = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("nostanza", "main");
        }
        InProcess.Run r = check(pgbackrest("info", ok(missing)));
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("skipped stanza               the repository has no stanza 'main' yet: the first "
                + "container started with these settings creates it"), r.all());
    }

    @Test
    void aRenderedFileThatDiffersFromTheEnvironmentIsLeftAsItIsAndNotUsed() throws Exception {
        Files.createDirectories(configured.getParent());
        Files.writeString(configured, "[global]\nrepo1-s3-bucket=old\n");
        InProcess.Run r = check(pgbackrest("info", ok(infoOk)));
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertNotEquals(configured.toString(), seen.get(0)[0]);
        assertEquals(rendered(), seen.get(0)[1]);
        assertEquals("[global]\nrepo1-s3-bucket=old\n", Files.readString(configured));
        assertTrue(r.stdout().contains("differs from it; left as it is"), r.all());
    }

    @Test
    void theRenderedFileIsUsedWhereItMatchesTheEnvironment() throws Exception {
        Files.createDirectories(configured.getParent());
        Files.writeString(configured, rendered());
        InProcess.Run r = check(pgbackrest("info", ok(infoOk)));
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(configured.toString(), seen.get(0)[0]);
        assertTrue(Files.exists(configured));
    }

    @Test
    void aClusterThatIsNotRunningIsSaidSo() throws Exception {
        Files.writeString(dir.resolve("pgdata/PG_VERSION"), "18\n");
        InProcess.Run r = check(pgbackrest("info", ok(infoOk)));
        assertTrue(r.stdout().contains("skipped cluster              PostgreSQL is not running"), r.all());
    }
}
