package dev.pgctl.restore;

import dev.pgctl.config.RestoreTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.pg.Postgres;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.ui.Out;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The in-place restore gathers the facts its preconditions decide on and stops at the first refusal, before it
 * reads the repository, asks for confirmation or writes anything (the repository and processes are absent here:
 * reaching them would fail the test with a NullPointerException instead of the refusal).
 */
class InPlaceRestoreTest {
    @TempDir
    Path pgdata;

    /** A server that is running or not, a primary or a standby. */
    static final class FakeServer extends Postgres {
        final boolean running;
        final boolean standby;

        FakeServer(boolean running, boolean standby) {
            super(new Config.Postgres(Path.of("/nonexistent"), 5432, Path.of("/nonexistent"), "postgres"), null);
            this.running = running;
            this.standby = standby;
        }

        @Override
        public boolean ready() {
            return running;
        }

        @Override
        public Optional<Boolean> inRecovery() {
            if (!running) {
                throw new AssertionError("asked a server that is not running whether it recovers");
            }
            return Optional.of(standby);
        }
    }

    Config config(boolean repository) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PGDATA", pgdata.toString()));
        if (repository) {
            env.putAll(Map.of("PGBACKREST_REPO1_S3_BUCKET", "my-backups", "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com",
                    "PGBACKREST_REPO1_S3_KEY", "AKIA", "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret"));
        }
        return new ConfigLoader(new Env(env, p -> {
            throw new NoSuchFileException(p.toString());
        }), 2).load();
    }

    @ParameterizedTest(name = "[{index}] repository={0} running={1} standby={2} pending={3}")
    @CsvSource({
        // repository, running, standby, backups pending: exit code, subject
        "false, true,  false, false, 3, PGBACKREST_REPO1_S3_BUCKET",
        "true,  false, false, false, 1, postgresql",
        "true,  true,  true,  false, 5, postgresql",
        "true,  true,  true,  true,  5, postgresql",
        "true,  true,  false, true,  1, pgctl enable-backups"})
    void refusesBeforeItReadsTheRepositoryOrWritesARequest(boolean repository, boolean running, boolean standby,
            boolean pending, int exit, String subject) throws Exception {
        if (pending) {
            Files.writeString(DataDir.backupsPendingMarker(pgdata), "");
        }
        Out out = new Out(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                false, false, "restore");
        InPlaceRestore restore = new InPlaceRestore(config(repository), null, new FakeServer(running, standby), null, out,
                "docker exec db pgctl enable-backups", "db");
        PgctlException e = assertThrows(PgctlException.class, () -> restore.run(RestoreTarget.latest(), true, "pgctl restore"));
        assertEquals(exit, e.exitCode(), e.problems().toString());
        assertEquals(subject, e.problems().get(0).subject());
        assertFalse(Files.exists(DataDir.restoreRequest(pgdata)), "no request recorded");
    }
}
