package dev.pgctl.config;

import dev.pgctl.problem.Problem;
import static dev.pgctl.config.ConfigLoaderTest.S3;
import static dev.pgctl.config.ConfigLoaderTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No value that reaches a file pgctl writes can carry a line (or a field) of its own: issue 14, section 2. */
class ValueSafetyTest {
    static final String INJECTED = "\nrepo1-storage-host=evil.example.com";

    static Config load(Map<String, String> vars, Map<String, String> files) throws ConfigLoader.InvalidConfig {
        return new ConfigLoader(new Env(vars, p -> {
            String s = files.get(p.toString());
            if (s == null) {
                throw new NoSuchFileException(p.toString());
            }
            return s;
        }), 2).load();
    }

    static List<Problem> problems(Map<String, String> vars, Map<String, String> files) {
        return assertThrows(ConfigLoader.InvalidConfig.class, () -> load(vars, files)).problems();
    }

    /** One variable of every class whose value reaches a file: with a line appended, each is refused by name. */
    static Stream<Arguments> everyVariableThatReachesAFile() {
        return Stream.of(
                // pgbackrest.conf
                "PGBACKREST_REPO1_S3_REGION=eu-west-1", "PGBACKREST_REPO1_S3_BUCKET=my-backups",
                "PGBACKREST_REPO1_S3_ENDPOINT=s3.example.com", "PGBACKREST_REPO1_S3_KEY=AKIA",
                "PGBACKREST_REPO1_S3_KEY_SECRET=top-secret", "PGBACKREST_REPO1_CIPHER_PASS=words",
                "PGBACKREST_REPO1_PATH=/pgbackrest", "PGBACKREST_REPO1_STORAGE_CA_FILE=/ca.crt",
                "PGBACKREST_REPO1_S3_URI_STYLE=path", "PGBACKREST_REPO1_STORAGE_PORT=9000", "PGBACKREST_STANZA=main",
                "PGBACKREST_SPOOL_PATH=/var/spool/pgbackrest", "PGBACKREST_CONFIG=/etc/pgbackrest/pgbackrest.conf",
                "PGBACKREST_COMPRESS_TYPE=zst",
                // pgbackrest.conf, pg_hba.conf, the include
                "POSTGRES_USER=app", "PGDATA=/var/lib/postgresql/18/docker", "PGPORT=5432", "PGCTL_CONF_DIR=/etc/pgctl",
                "PGCTL_RUN_DIR=/run/pgctl", "PGCTL_SSL_DIR=/var/lib/postgresql/ssl", "PGCTL_SSL_MIN_PROTOCOL=TLSv1.3",
                "PGCTL_SSL_HOSTNAMES=db.example.com", "PGCTL_ARCHIVE_TIMEOUT=60",
                // replication: pg_hba.conf, primary_conninfo, the password file
                "PGCTL_REPLICATION_USER=replicator", "PGCTL_REPLICATION_PASSWORD=r", "PGCTL_REPLICATION_SLOT=replica_1",
                "PGCTL_PRIMARY_HOST=db-primary", "PGCTL_PRIMARY_SSLROOTCERT=/ca.crt", "PGCTL_PRIMARY_SSLMODE=require",
                "PGCTL_ROLE=primary",
                // the crontab
                "PGCTL_BACKUP_SCHEDULE_FULL=0 1 * * 0",
                // the restore request and marker, pgBackRest's recovery settings
                "PGCTL_RESTORE_TARGET_NAME=before-upgrade", "PGCTL_RESTORE_TARGET_TIME=2026-11-22 03:10:00+00",
                "PGCTL_RESTORE_TARGET_LSN=0/3000060", "PGCTL_RESTORE_SET=20261122-010000F", "PGCTL_RESTORE_ON_EMPTY=auto")
                .map(kv -> Arguments.of(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("everyVariableThatReachesAFile")
    void aNewlineInAnyVariableIsRefusedByNameAndNothingElseIsSaidAboutIt(String name, String good) throws Exception {
        Map<String, String> files = Map.of("/ca.crt", "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> base = with(S3, name, good);
        if (name.equals("PGCTL_PRIMARY_HOST")) {
            base = with(base, "PGCTL_ROLE", "replica", "PGCTL_REPLICATION_PASSWORD", "r");
        }
        load(base, files); // the good value loads
        List<Problem> ps = problems(with(base, name, good + INJECTED), files);
        assertEquals(1, ps.size(), "exactly one problem, about " + name + ": " + ps);
        assertEquals(name, ps.get(0).subject());
        assertTrue(ps.get(0).what().startsWith("holds a newline (\\n) at position " + (good.length() + 1)), ps.get(0).what());
        for (String line : ps.get(0).render().split("\n")) {
            assertFalse(line.startsWith("repo1-storage-host"), "the injected line is printed as a line: " + ps.get(0).render());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}_FILE")
    @MethodSource("everyVariableThatReachesAFile")
    void aSecondLineInAnyFileIsRefusedByName(String name, String good) throws Exception {
        Map<String, String> files = Map.of("/ca.crt", "-----BEGIN CERTIFICATE-----\n", "/run/secrets/v", good + INJECTED + "\n");
        List<Problem> ps = problems(with(S3, name, null, name + "_FILE", "/run/secrets/v"), files);
        assertEquals(1, ps.size(), "exactly one problem, about " + name + "_FILE: " + ps);
        assertEquals(name + "_FILE", ps.get(0).subject());
        assertTrue(ps.get(0).what().startsWith("the file /run/secrets/v holds a newline (\\n) at position " + (good.length() + 1)),
                ps.get(0).what());
        assertFalse(ps.get(0).render().contains("evil"), ps.get(0).render());
    }

    @Test
    void theIssuesExampleIsRefusedWithTheFixAndEveryOtherProblemStillReported() {
        Map<String, String> vars = new HashMap<>(with(S3, "PGBACKREST_REPO1_S3_REGION", "eu-west-1\nrepo1-storage-verify-tls=n",
                "PGBACKREST_REPO1_S3_KEY_SECRET", null, "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3",
                "POSTGRES_USER", "postgres\nhost all all all trust"));
        List<Problem> ps = problems(vars, Map.of("/run/secrets/s3", "Kx7first\nsecond\n"));
        assertEquals(List.of("POSTGRES_USER", "PGBACKREST_REPO1_S3_REGION", "PGBACKREST_REPO1_S3_KEY_SECRET_FILE"),
                ps.stream().map(Problem::subject).toList(), ps.toString());
        Problem region = ps.get(1);
        assertEquals("holds a newline (\\n) at position 10 of 36: 'eu-west-1\\nrepo1-storage-verify-tls=n'", region.what());
        assertTrue(region.fix().get(0).contains("PGBACKREST_REPO1_S3_REGION"), region.fix().toString());
        assertFalse(ps.get(2).render().contains("Kx7"), ps.get(2).render());
    }

    /** The per-class checks: values without control characters that a file still cannot carry. */
    static Stream<Arguments> valuesAFileCannotCarry() {
        return Stream.of(
                Arguments.of("PGBACKREST_REPO1_S3_REGION", "eu west 1", "is not a region name", "PGBACKREST_REPO1_S3_REGION=eu-west-1"),
                Arguments.of("PGBACKREST_REPO1_S3_REGION", "x".repeat(65), "is not a region name", "PGBACKREST_REPO1_S3_REGION="),
                Arguments.of("POSTGRES_USER", "my user", "is not a plain role name", "POSTGRES_USER=postgres"),
                Arguments.of("POSTGRES_USER", "a\"b", "is not a plain role name", "POSTGRES_USER=postgres"),
                Arguments.of("POSTGRES_USER", "u".repeat(64), "is not a plain role name", "POSTGRES_USER=postgres"),
                Arguments.of("PGDATA", "/var/lib/my data", "holds a space at position 12", "PGDATA=/var/lib/postgresql/18/docker"),
                Arguments.of("PGDATA", "/var/lib/$(reboot)", "holds '$' at position 10", "PGDATA="),
                Arguments.of("PGCTL_CONF_DIR", "/etc/pg,ctl", "holds ',' at position 8", "PGCTL_CONF_DIR=/etc/pgctl"),
                Arguments.of("PGBACKREST_SPOOL_PATH", "/spool\"x", "holds '\"'", "PGBACKREST_SPOOL_PATH=/var/spool/pgbackrest"),
                Arguments.of("PGCTL_SSL_DIR", "/ssl'x", "holds '''", "PGCTL_SSL_DIR=/var/lib/postgresql/ssl"),
                Arguments.of("PGCTL_RESTORE_TARGET_NAME", "it's", "holds a quote (') or a backslash", "PGCTL_RESTORE_TARGET_NAME=before-upgrade"),
                Arguments.of("PGCTL_RESTORE_TARGET_NAME", "a\\b", "holds a quote (') or a backslash", "PGCTL_RESTORE_TARGET_NAME="),
                Arguments.of("PGCTL_RESTORE_TARGET_NAME", "n".repeat(64), "is longer than 63 bytes", "PGCTL_RESTORE_TARGET_NAME="));
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @MethodSource("valuesAFileCannotCarry")
    void valuesAFileCannotCarryAreRefusedWithTheFix(String name, String value, String what, String fix) {
        List<Problem> ps = problems(with(S3, name, value), Map.of());
        Problem p = ps.stream().filter(x -> x.subject().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + name + ": " + ps));
        assertTrue(p.what().contains(what), p.what());
        assertTrue(p.fix().stream().anyMatch(f -> f.contains(fix)), p.fix().toString());
    }

    @Test
    void plainNamesStillLoad() throws Exception {
        Config c = load(with(S3, "PGBACKREST_REPO1_S3_REGION", "fr-par", "POSTGRES_USER", "App_user-1@corp.example",
                "PGDATA", "/data/pg-18_main+1", "PGCTL_RESTORE_TARGET_NAME", "before upgrade #2"), Map.of());
        assertEquals("fr-par", c.repo().get().region());
        assertEquals("App_user-1@corp.example", c.postgres().superuser());
        assertEquals("before upgrade #2", c.restoreTarget().name().get());
    }

    @Test
    void aPgBackRestSecretWithSpacesAtItsEndsIsRefusedNotSilentlyChanged() {
        List<Problem> ps = problems(with(S3, "PGBACKREST_REPO1_S3_KEY_SECRET", null,
                "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3"), Map.of("/run/secrets/s3", "Kx7secret \n"));
        assertEquals(1, ps.size(), ps.toString());
        assertEquals("PGBACKREST_REPO1_S3_KEY_SECRET_FILE", ps.get(0).subject());
        assertTrue(ps.get(0).what().contains("starts or ends with a space"), ps.get(0).what());
        assertFalse(ps.get(0).render().contains("Kx7"), ps.get(0).render());
    }
}
