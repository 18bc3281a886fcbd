package dev.pgctl.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.Proc;
import dev.pgctl.fs.Files2;
import dev.pgctl.ui.Out;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate generation that fails part way leaves no key, least of all the new CA's, in a scratch directory. */
class SslGenerateFailureTest {
    @TempDir
    Path ssl;

    /** openssl that writes every -keyout/-out file it is given, and fails the call whose sub-command is failing. */
    static final class FakeOpenssl extends Proc {
        final String failing;
        int calls;

        FakeOpenssl(String failing) {
            super(false);
            this.failing = failing;
        }

        @Override
        public Result run(Spec spec) {
            List<String> argv = spec.command();
            calls++;
            for (int i = 0; i < argv.size() - 1; i++) {
                if (argv.get(i).equals("-keyout") || argv.get(i).equals("-out")) {
                    try {
                        Files.writeString(Path.of(argv.get(i + 1)), "-----BEGIN PRIVATE KEY-----\nfake\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            String sub = argv.get(1) + (argv.contains("-x509") ? " -x509" : "");
            return sub.equals(failing) ? new Result(1, "", "openssl: simulated failure", false) : new Result(0, "", "", false);
        }
    }

    private SslManager manager(Proc proc) throws Exception {
        Config c;
        try {
            c = new ConfigLoader(new Env(Map.of("PGBACKREST_REPO1_S3_BUCKET", "my-backups", "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com",
                "PGBACKREST_REPO1_S3_KEY", "AKIA", "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret", "PGCTL_SSL_DIR", ssl.toString()),
                p -> ""), 2).load();
        } catch (ConfigLoader.InvalidConfig e) {
            throw new AssertionError(e.problems().toString(), e);
        }
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new SslManager(c, proc, new Files2(), new Out(sink, sink, false, false, "ssl"));
    }

    private List<String> left() throws IOException {
        try (Stream<Path> s = Files.walk(ssl)) {
            return s.filter(p -> !p.equals(ssl)).map(p -> ssl.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void signingFailsAfterTheNewCaKeyWasWritten() throws Exception {
        FakeOpenssl openssl = new FakeOpenssl("x509");
        SslManager m = manager(openssl);
        PgctlException e = assertThrows(PgctlException.class, () -> m.generate(true));
        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("openssl x509 failed"), e.getMessage());
        assertEquals(3, openssl.calls, "the CA and the server key were made before signing failed");
        assertEquals(List.of(), left(), "files left in PGCTL_SSL_DIR");
    }

    @Test
    void theCaItselfFails() throws Exception {
        FakeOpenssl openssl = new FakeOpenssl("req -x509");
        SslManager m = manager(openssl);
        assertThrows(PgctlException.class, () -> m.generate(true));
        assertEquals(1, openssl.calls);
        assertEquals(List.of(), left(), "files left in PGCTL_SSL_DIR");
    }
}
