package dev.pgctl.config;

import dev.pgctl.problem.Problem;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    static final Map<String, String> S3 = Map.of(
            "PGBACKREST_REPO1_S3_BUCKET", "my-backups",
            "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com",
            "PGBACKREST_REPO1_S3_KEY", "AKIA",
            "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret");

    static final Map<String, String> FILES = Map.of(
            "/run/secrets/s3", "from-file\n",
            "/run/secrets/empty", "",
            "/ca.crt", "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n",
            "/not-a-cert", "hello");

    static Config load(Map<String, String> vars) throws ConfigLoader.InvalidConfig {
        return new ConfigLoader(new Env(vars, ConfigLoaderTest::read), 2).load();
    }

    static String read(Path p) throws IOException {
        String s = FILES.get(p.toString());
        if (s == null) {
            throw new NoSuchFileException(p.toString());
        }
        return s;
    }

    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove(kv[i]);
            } else {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    @Test
    void aReplicaNeedsItsPrimaryAndThePasswordFromAFile() throws Exception {
        Config c = load(Map.of("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db-primary",
                "PGCTL_REPLICATION_PASSWORD_FILE", "/run/secrets/s3", "PGCTL_REPLICATION_SLOT", "replica_1"));
        assertEquals(Config.Role.REPLICA, c.role());
        assertEquals(Optional.of("db-primary"), c.replication().primaryHost());
        assertEquals(5432, c.replication().primaryPort());
        assertEquals("replicator", c.replication().user());
        assertEquals("from-file", c.replication().password().get().reveal());
        assertEquals(Optional.of("replica_1"), c.replication().slot());
        assertEquals("require", c.replication().sslMode());
        assertEquals(600, c.replication().waitSeconds());
        assertTrue(c.replication().managed());
        assertFalse(c.replication().toString().contains("from-file"));
    }

    @Test
    void aPrimaryManagesTheReplicationRoleOnlyWithAPassword() throws Exception {
        assertFalse(load(Map.of()).replication().managed());
        assertTrue(load(Map.of("PGCTL_REPLICATION_PASSWORD", "r")).replication().managed());
    }

    @Test
    void defaultsWithoutAnyVariable() throws Exception {
        Config c = load(Map.of());
        assertEquals(Config.Role.PRIMARY, c.role());
        assertEquals(Path.of("/var/lib/postgresql/18/docker"), c.postgres().pgdata());
        assertEquals(5432, c.postgres().port());
        assertEquals("postgres", c.postgres().superuser());
        assertEquals(Optional.empty(), c.repo());
        assertEquals("main", c.stanza());
        assertEquals(60, c.archiveTimeoutSeconds());
        assertEquals(Optional.of("0 1 * * 0"), c.schedules().full());
        assertEquals(Optional.of("0 1 * * 1-6"), c.schedules().diff());
        assertEquals(Optional.of("*/30 * * * *"), c.schedules().incr());
        assertEquals(Config.RestorePolicy.AUTO, c.restoreOnEmpty());
        assertEquals(Path.of("/etc/pgbackrest/pgbackrest.conf"), c.paths().pgbackrestConf());
    }

    @Test
    void s3RepositoryWithDefaults() throws Exception {
        Config.Repo r = load(S3).repo().orElseThrow();
        assertEquals("my-backups", r.bucket());
        assertEquals("s3.example.com", r.endpoint());
        assertEquals("us-east-1", r.region());
        assertEquals("/pgbackrest", r.path());
        assertEquals("host", r.uriStyle());
        assertTrue(r.verifyTls());
        assertEquals(2, r.retentionFull());
        assertEquals("zst", r.compressType());
        assertEquals(3, r.processMax(), "cores + 1");
        assertEquals(Optional.of(1), r.compressLevel(), "zstd level 1");
        assertTrue(r.bundle() && !r.block(), "bundling on, block incremental off (restores at S3 latency)");
        assertEquals(Optional.empty(), r.cipherPass());
        assertEquals("top-secret", r.keySecret().orElseThrow().reveal());
    }

    @Test
    void processMaxScalesWithCores() {
        assertEquals(2, ConfigLoader.defaultProcessMax(1));
        assertEquals(3, ConfigLoader.defaultProcessMax(2));
        assertEquals(9, ConfigLoader.defaultProcessMax(8));
        assertEquals(16, ConfigLoader.defaultProcessMax(64));
    }

    @Test
    void secretsComeFromFilesAndNeverPrint() throws Exception {
        Config c = load(with(S3, "PGBACKREST_REPO1_S3_KEY_SECRET", null,
                "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3",
                "PGBACKREST_REPO1_CIPHER_PASS", "cipher-words"));
        Config.Repo r = c.repo().orElseThrow();
        assertEquals("from-file", r.keySecret().orElseThrow().reveal());
        assertEquals("cipher-words", r.cipherPass().orElseThrow().reveal());
        assertFalse(c.toString().contains("from-file"), c.toString());
        assertFalse(c.toString().contains("cipher-words"), c.toString());
    }

    @Test
    void caFileIsRead() throws Exception {
        Config c = load(with(S3, "PGBACKREST_REPO1_STORAGE_CA_FILE", "/ca.crt"));
        assertEquals(Optional.of(Path.of("/ca.crt")), c.repo().orElseThrow().caFile());
    }

    @Test
    void theMetricsPortIsOnByDefaultAndCanBeMovedOrTurnedOff() throws Exception {
        assertEquals(Optional.of(9188), load(Map.of()).monitoring().metricsPort());
        assertEquals(Optional.of(1), load(Map.of("PGCTL_METRICS_PORT", "1")).monitoring().metricsPort());
        assertEquals(Optional.of(65535), load(Map.of("PGCTL_METRICS_PORT", "65535")).monitoring().metricsPort());
        assertEquals(Optional.empty(), load(Map.of("PGCTL_METRICS_PORT", "off")).monitoring().metricsPort());
        assertEquals(Optional.empty(), load(Map.of("PGCTL_METRICS_PORT", "OFF")).monitoring().metricsPort());
    }

    @Test
    void theWalBacklogMaxIsOffByDefaultAndASizeInMib() throws Exception {
        assertEquals(Optional.empty(), load(Map.of()).monitoring().walBacklogMax());
        assertEquals(Optional.empty(), load(Map.of("PGCTL_WAL_BACKLOG_MAX", "off")).monitoring().walBacklogMax());
        assertEquals(Optional.of(16L), load(Map.of("PGCTL_WAL_BACKLOG_MAX", "16MB")).monitoring().walBacklogMax());
        assertEquals(Optional.of(2048L), load(Map.of("PGCTL_WAL_BACKLOG_MAX", "2GB")).monitoring().walBacklogMax());
        assertEquals(Optional.of(1L << 20), load(Map.of("PGCTL_WAL_BACKLOG_MAX", "1tb")).monitoring().walBacklogMax());
    }

    @Test
    void schedulesCanBeOverriddenAndDisabled() throws Exception {
        Config c = load(Map.of("PGCTL_BACKUP_SCHEDULE_INCR", "off", "PGCTL_BACKUP_SCHEDULE_FULL", "*/5  * * * *"));
        assertEquals(Optional.empty(), c.schedules().incr());
        assertEquals(Optional.of("*/5 * * * *"), c.schedules().full());
    }

    @Test
    void endpointWithSchemeAndPortShowsTheSplitFix() {
        var e = assertThrows(ConfigLoader.InvalidConfig.class,
                () -> load(with(S3, "PGBACKREST_REPO1_S3_ENDPOINT", "https://minio.local:9000/")));
        Problem p = e.problems().get(0);
        assertEquals("PGBACKREST_REPO1_S3_ENDPOINT", p.subject());
        assertEquals(List.of("PGBACKREST_REPO1_S3_ENDPOINT=minio.local", "PGBACKREST_REPO1_STORAGE_PORT=9000"), p.fix());
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of(
                "PGBACKREST_REPO1_S3_BUCKET", "Bad_Bucket",
                "PGCTL_ARCHIVE_TIMEOUT", "soon",
                "PGCTL_ROLE", "leader")));
        List<String> subjects = e.problems().stream().map(Problem::subject).toList();
        assertTrue(subjects.containsAll(List.of("PGBACKREST_REPO1_S3_BUCKET", "PGBACKREST_REPO1_S3_ENDPOINT",
                "PGBACKREST_REPO1_S3_KEY", "PGBACKREST_REPO1_S3_KEY_SECRET", "PGCTL_ARCHIVE_TIMEOUT", "PGCTL_ROLE")),
                subjects.toString());
    }

    @ParameterizedTest(name = "PGCTL_LOG_FORMAT={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"text", "json", "JSON", " json ", ""})
    void aLogFormatIsTextOrJsonInAnyCase(String value) {
        assertDoesNotThrow(() -> load(Map.of("PGCTL_LOG_FORMAT", value)));
    }

    /** Each bad input: the variable named in the problem, and a fix line that shows a corrected example. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(with(S3, "PGCTL_RETENTION", "daily=7,hourly=24"), "PGCTL_RETENTION", "'hourly' is not a period", "PGCTL_RETENTION=daily=7,weekly=4,monthly=12,yearly=2"),
                Arguments.of(with(S3, "PGCTL_RETENTION", "weekly=0"), "PGCTL_RETENTION", "weekly=0 is out of range", "leave it unset"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_BUCKET", null), "PGBACKREST_REPO1_S3_BUCKET", "is not set", "PGBACKREST_REPO1_S3_BUCKET="),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_BUCKET", "x"), "PGBACKREST_REPO1_S3_BUCKET", "not a valid bucket name", "PGBACKREST_REPO1_S3_BUCKET=my-backups"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_KEY", null), "PGBACKREST_REPO1_S3_KEY", "is not set", "PGBACKREST_REPO1_S3_KEY="),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_KEY_SECRET", null), "PGBACKREST_REPO1_S3_KEY_SECRET", "is not set", "PGBACKREST_REPO1_S3_KEY_SECRET_FILE="),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_KEY_SECRET", null, "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/nope"), "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "cannot read /nope (no such file)", "docker run -v"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_KEY_SECRET", null, "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/empty"), "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "is empty", "echo -n"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3"), "PGBACKREST_REPO1_S3_KEY_SECRET", "both", "unset one"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_ENDPOINT", "not a host"), "PGBACKREST_REPO1_S3_ENDPOINT", "is not a host name", "PGBACKREST_REPO1_S3_ENDPOINT="),
                Arguments.of(with(S3, "PGBACKREST_REPO1_S3_URI_STYLE", "virtual"), "PGBACKREST_REPO1_S3_URI_STYLE", "is not a URI style", "PGBACKREST_REPO1_S3_URI_STYLE=path"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_STORAGE_PORT", "http"), "PGBACKREST_REPO1_STORAGE_PORT", "is not a whole number", "PGBACKREST_REPO1_STORAGE_PORT=9000"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_STORAGE_VERIFY_TLS", "maybe"), "PGBACKREST_REPO1_STORAGE_VERIFY_TLS", "is not y or n", "PGBACKREST_REPO1_STORAGE_VERIFY_TLS=y"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_STORAGE_CA_FILE", "/missing.crt"), "PGBACKREST_REPO1_STORAGE_CA_FILE", "cannot read /missing.crt", "-v ./ca.crt:/missing.crt:ro"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_STORAGE_CA_FILE", "/not-a-cert"), "PGBACKREST_REPO1_STORAGE_CA_FILE", "does not contain a PEM certificate", "openssl x509"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_RETENTION_FULL", "two"), "PGBACKREST_REPO1_RETENTION_FULL", "is not a whole number", "PGBACKREST_REPO1_RETENTION_FULL=2"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_RETENTION_FULL", "0"), "PGBACKREST_REPO1_RETENTION_FULL", "out of range", "PGBACKREST_REPO1_RETENTION_FULL=2"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_BUNDLE", "n", "PGBACKREST_REPO1_BLOCK", "y"), "PGBACKREST_REPO1_BLOCK", "but PGBACKREST_REPO1_BUNDLE is n", "PGBACKREST_REPO1_BLOCK=n"),
                Arguments.of(with(S3, "PGBACKREST_COMPRESS_TYPE", "xz"), "PGBACKREST_COMPRESS_TYPE", "is not a compression type", "PGBACKREST_COMPRESS_TYPE=zst"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_CIPHER_TYPE", "aes-256-cbc"), "PGBACKREST_REPO1_CIPHER_PASS", "is not set", "PGBACKREST_REPO1_CIPHER_PASS_FILE="),
                Arguments.of(with(S3, "PGBACKREST_REPO1_CIPHER_TYPE", "rot13"), "PGBACKREST_REPO1_CIPHER_TYPE", "is not a cipher type", "PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_TYPE", "gcs"), "PGBACKREST_REPO1_TYPE", "is not supported", "PGBACKREST_REPO1_TYPE=s3"),
                Arguments.of(with(S3, "PGBACKREST_REPO1_PATH", "backups"), "PGBACKREST_REPO1_PATH", "not an absolute path", "PGBACKREST_REPO1_PATH=/backups"),
                Arguments.of(with(S3, "PGBACKREST_STANZA", "my stanza"), "PGBACKREST_STANZA", "not a valid stanza name", "PGBACKREST_STANZA=main"),
                Arguments.of(Map.of("PGCTL_BACKUP_SCHEDULE_INCR", "every 30 minutes"), "PGCTL_BACKUP_SCHEDULE_INCR", "is not a cron expression", "PGCTL_BACKUP_SCHEDULE_INCR='*/30 * * * *'"),
                Arguments.of(Map.of("PGCTL_BACKUP_SCHEDULE_FULL", "0 25 * * *"), "PGCTL_BACKUP_SCHEDULE_FULL", "is not a cron expression", "PGCTL_BACKUP_SCHEDULE_FULL=off"),
                Arguments.of(Map.of("PGCTL_ARCHIVE_TIMEOUT", "0"), "PGCTL_ARCHIVE_TIMEOUT", "out of range", "PGCTL_ARCHIVE_TIMEOUT=60"),
                Arguments.of(Map.of("PGCTL_RESTORE_ON_EMPTY", "sometimes"), "PGCTL_RESTORE_ON_EMPTY", "is not a restore policy", "PGCTL_RESTORE_ON_EMPTY=auto"),
                Arguments.of(Map.of("PGCTL_ROLE", "leader"), "PGCTL_ROLE", "is not a role", "PGCTL_ROLE=replica"),
                Arguments.of(Map.of("PGCTL_ROLE", "replica", "PGCTL_REPLICATION_PASSWORD", "r"), "PGCTL_PRIMARY_HOST", "is not set, and PGCTL_ROLE=replica", "PGCTL_PRIMARY_HOST=db-primary"),
                Arguments.of(Map.of("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db"), "PGCTL_REPLICATION_PASSWORD", "is not set, and PGCTL_ROLE=replica", "PGCTL_REPLICATION_PASSWORD_FILE=/run/secrets/replication-password"),
                Arguments.of(Map.of("PGCTL_PRIMARY_HOST", "db"), "PGCTL_PRIMARY_HOST", "is set, but PGCTL_ROLE is primary", "PGCTL_ROLE=replica"),
                Arguments.of(Map.of("PGCTL_REPLICATION_USER", "Repl User"), "PGCTL_REPLICATION_USER", "is not a plain role name", "PGCTL_REPLICATION_USER=replicator"),
                Arguments.of(Map.of("PGCTL_REPLICATION_USER", "postgres"), "PGCTL_REPLICATION_USER", "is the superuser", "PGCTL_REPLICATION_USER=replicator"),
                Arguments.of(Map.of("PGCTL_REPLICATION_SLOT", "replica-1"), "PGCTL_REPLICATION_SLOT", "is not a valid slot name", "PGCTL_REPLICATION_SLOT=replica_1"),
                Arguments.of(Map.of("PGCTL_PRIMARY_SSLMODE", "disable"), "PGCTL_PRIMARY_SSLMODE", "is not require, verify-ca or verify-full", "PGCTL_PRIMARY_SSLMODE=require"),
                Arguments.of(Map.of("PGCTL_PRIMARY_SSLMODE", "verify-full"), "PGCTL_PRIMARY_SSLROOTCERT", "is not set", "PGCTL_PRIMARY_SSLROOTCERT="),
                Arguments.of(Map.of("PGCTL_PRIMARY_SSLROOTCERT", "/nope.crt"), "PGCTL_PRIMARY_SSLROOTCERT", "cannot read /nope.crt", ":/nope.crt:ro"),
                Arguments.of(Map.of("PGCTL_PRIMARY_WAIT_TIMEOUT", "-1"), "PGCTL_PRIMARY_WAIT_TIMEOUT", "out of range", "PGCTL_PRIMARY_WAIT_TIMEOUT=600"),
                Arguments.of(Map.of("PGCTL_BACKUP_SCHEDULE_FUL", "x"), "PGCTL_BACKUP_SCHEDULE_FUL", "unknown variable", "PGCTL_BACKUP_SCHEDULE_FULL"),
                Arguments.of(Map.of("PGDATA", "data"), "PGDATA", "not an absolute path", "PGDATA=/var/lib/postgresql/18/docker"),
                Arguments.of(Map.of("PGPORT", "99999"), "PGPORT", "out of range", "PGPORT=5432"),
                Arguments.of(Map.of("PGCTL_RESTORE_TARGET_TIME", "2026-11-22 03:10"), "PGCTL_RESTORE_TARGET_TIME", "is not a time with a time zone", "PGCTL_RESTORE_TARGET_TIME='2026-11-22 03:10:00+00'"),
                Arguments.of(Map.of("PGCTL_RESTORE_TARGET_LSN", "3000060"), "PGCTL_RESTORE_TARGET_LSN", "is not an LSN", "PGCTL_RESTORE_TARGET_LSN=0/3000060"),
                Arguments.of(Map.of("PGCTL_RESTORE_SET", "latest"), "PGCTL_RESTORE_SET", "is not a backup label", "PGCTL_RESTORE_SET=20261122-010000F"),
                Arguments.of(Map.of("PGCTL_RESTORE_TARGET_NAME", "x", "PGCTL_RESTORE_TARGET_LSN", "0/1"), "PGCTL_RESTORE_TARGET_TIME", "more than one", "keep one"),
                Arguments.of(Map.of("PGCTL_SSL_MIN_PROTOCOL", "TLSv1"), "PGCTL_SSL_MIN_PROTOCOL", "is not TLSv1.2 or TLSv1.3", "PGCTL_SSL_MIN_PROTOCOL=TLSv1.2"),
                Arguments.of(Map.of("PGCTL_SSL_HOSTNAMES", "db,bad host!"), "PGCTL_SSL_HOSTNAMES", "is not a host name", "PGCTL_SSL_HOSTNAMES="),
                Arguments.of(Map.of("PGCTL_LOG_FORMAT", "yaml"), "PGCTL_LOG_FORMAT", "'yaml' is not a log format", "PGCTL_LOG_FORMAT=json"),
                Arguments.of(Map.of("PGCTL_LOG_FORMAT", "logfmt"), "PGCTL_LOG_FORMAT", "is not a log format", "PGCTL_LOG_FORMAT=text"),
                Arguments.of(Map.of("PGCTL_DRILL_SCHEDULE", "weekly"), "PGCTL_DRILL_SCHEDULE", "is not a cron expression", "PGCTL_DRILL_SCHEDULE=off"),
                Arguments.of(Map.of("PGCTL_DRILL_DIR", "/var/lib/postgresql/18/docker/drill"), "PGCTL_DRILL_DIR", "overlaps PGDATA", "PGCTL_DRILL_DIR=/var/lib/postgresql/pgctl/drill"),
                Arguments.of(Map.of("PGCTL_DRILL_RESULTS", "/var/lib/postgresql"), "PGCTL_DRILL_RESULTS", "overlaps PGDATA", "PGCTL_DRILL_RESULTS=/var/lib/postgresql/pgctl/drills"),
                Arguments.of(Map.of("PGCTL_DRILL_AMCHECK", "some"), "PGCTL_DRILL_AMCHECK", "is not all, sample or off", "PGCTL_DRILL_AMCHECK=sample"),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "0"), "PGCTL_METRICS_PORT", "0 is out of range", "PGCTL_METRICS_PORT=9188"),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "65536"), "PGCTL_METRICS_PORT", "65536 is out of range", "PGCTL_METRICS_PORT=off"),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "-1"), "PGCTL_METRICS_PORT", "out of range", "PGCTL_METRICS_PORT=9188"),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "http"), "PGCTL_METRICS_PORT", "'http' is not a port number or off", "PGCTL_METRICS_PORT=off"),
                Arguments.of(Map.of("PGCTL_METRICS_PORT", "9188/tcp"), "PGCTL_METRICS_PORT", "is not a port number or off", "PGCTL_METRICS_PORT=9188"),
                Arguments.of(Map.of("PGCTL_WAL_BACKLOG_MAX", "2G"), "PGCTL_WAL_BACKLOG_MAX", "'2G' is not a size", "PGCTL_WAL_BACKLOG_MAX=2GB"),
                Arguments.of(Map.of("PGCTL_WAL_BACKLOG_MAX", "1000"), "PGCTL_WAL_BACKLOG_MAX", "'1000' is not a size", "PGCTL_WAL_BACKLOG_MAX=off"),
                Arguments.of(Map.of("PGCTL_WAL_BACKLOG_MAX", "8MB"), "PGCTL_WAL_BACKLOG_MAX", "less than one WAL segment", "PGCTL_WAL_BACKLOG_MAX=2GB"));
    }

    @Test
    void drillDefaultsAndSettings() throws Exception {
        DrillSettings d = load(Map.of()).drill();
        assertEquals(new DrillSettings(Optional.of("15 4 * * 3"), Path.of("/var/lib/postgresql/pgctl/drill"),
                Path.of("/var/lib/postgresql/pgctl/drills"), List.of(), "postgres", DrillSettings.Amcheck.ALL), d);
        assertEquals("shop", load(Map.of("POSTGRES_DB", "shop", "POSTGRES_USER", "app")).drill().database());
        assertEquals("app", load(Map.of("POSTGRES_USER", "app")).drill().database());
        DrillSettings set = load(Map.of("PGCTL_DRILL_SCHEDULE", "off", "PGCTL_DRILL_DATABASE", "orders",
                "PGCTL_DRILL_AMCHECK", "Sample")).drill();
        assertEquals(Optional.empty(), set.schedule());
        assertEquals("orders", set.database());
        assertEquals(DrillSettings.Amcheck.SAMPLE, set.amcheck());
    }

    @Test
    void sanityQueriesMayBreakLinesButNoOtherVariableMayAndNoOtherControlCharacterPasses() throws Exception {
        assertEquals(List.of("select true", "select 1 = 1"),
                load(Map.of("PGCTL_DRILL_SQL", "select true\n\tselect 1 = 1")).drill().queries());
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of("PGCTL_DRILL_SQL", "select \u001b true")));
        assertEquals("PGCTL_DRILL_SQL", e.problems().get(0).subject());
        var other = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(Map.of("PGCTL_DRILL_DATABASE", "a\nb")));
        assertEquals("PGCTL_DRILL_DATABASE", other.problems().get(0).subject());
    }

    @Test
    void sanityQueriesAreOnePerLineWithoutCommentsBlankLinesOrATrailingSemicolon() {
        assertEquals(List.of("select count(*) = 250 from orders", "select true"), DrillSettings.queries(
                "select count(*) = 250 from orders;\n\n  -- orders from yesterday\n  select true  \n;\n"));
        assertEquals(List.of(), DrillSettings.queries(""));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("badInputs")
    void badInputNamesTheVariableAndTheFix(Map<String, String> vars, String subject, String what, String fix) {
        var e = assertThrows(ConfigLoader.InvalidConfig.class, () -> load(vars));
        Problem p = e.problems().stream().filter(x -> x.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + subject + " in " + e.problems()));
        assertTrue(p.what().contains(what), p.what());
        assertTrue(p.fix().stream().anyMatch(f -> f.contains(fix)), p.fix().toString());
        for (Problem any : e.problems()) {
            assertFalse(any.render().contains("top-secret"), "a problem printed the secret: " + any.render());
            assertFalse(any.render().contains("from-file"), "a problem printed the secret: " + any.render());
        }
    }
}
