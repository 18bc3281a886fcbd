package dev.pgctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderTest {
    static Config config(String... kv) throws Exception {
        Map<String, String> m = new HashMap<>(Map.of(
                "PGBACKREST_REPO1_S3_BUCKET", "my-backups",
                "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com",
                "PGBACKREST_REPO1_S3_KEY", "AKIA",
                "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new ConfigLoader(new Env(m, p -> "-----BEGIN CERTIFICATE-----"), 4).load();
    }

    @Test
    void pgbackrestConfHasTheRepositoryTheStanzaAndAsyncArchiving() throws Exception {
        String conf = PgBackRestConf.render(config("PGBACKREST_REPO1_STORAGE_PORT", "9191",
                "PGBACKREST_REPO1_S3_URI_STYLE", "path", "PGBACKREST_REPO1_STORAGE_CA_FILE", "/ca.crt",
                "PGBACKREST_STANZA", "prod", "PGBACKREST_REPO1_CIPHER_PASS", "words", "POSTGRES_USER", "app"));
        String expectedGlobal = """
                [global]
                repo1-type=s3
                repo1-s3-bucket=my-backups
                repo1-s3-endpoint=s3.example.com
                repo1-s3-region=us-east-1
                repo1-s3-uri-style=path
                repo1-s3-key-type=shared
                repo1-s3-key=AKIA
                repo1-s3-key-secret=top-secret
                repo1-path=/pgbackrest
                repo1-storage-port=9191
                repo1-storage-verify-tls=y
                repo1-storage-ca-file=/ca.crt
                repo1-retention-full-type=count
                repo1-retention-full=2
                repo1-cipher-type=aes-256-cbc
                repo1-cipher-pass=words
                compress-type=zst
                compress-level=1
                process-max=5
                repo1-bundle=y
                repo1-block=n
                archive-async=y
                spool-path=/var/spool/pgbackrest
                start-fast=y
                log-level-file=off
                log-level-console=warn
                log-level-stderr=warn
                """;
        assertTrue(conf.contains(expectedGlobal), conf);
        assertTrue(conf.contains("""
                [prod]
                pg1-path=/var/lib/postgresql/18/docker
                pg1-port=5432
                pg1-socket-path=/var/run/postgresql
                pg1-user=app
                """), conf);
        assertTrue(conf.contains("[global:backup]\nlog-level-console=info\narchive-timeout=300\n"), conf);
        assertTrue(conf.contains("[global:archive-push]\nprocess-max=2\n"), conf);
        assertFalse(conf.contains("archive-push-queue-max"), "WAL is never dropped unless PGCTL_WAL_BACKLOG_MAX says so");
    }

    @Test
    void theWalBacklogMaxIsPgBackRestsArchivePushQueueMax() throws Exception {
        String conf = PgBackRestConf.render(config("PGCTL_WAL_BACKLOG_MAX", "2GB"));
        assertTrue(conf.contains("[global:archive-push]\nprocess-max=2\narchive-push-queue-max=2048MB\nlog-level-file=warn\n"
                + "log-path=/var/spool/pgbackrest\n"), conf);
        assertTrue(conf.contains("[global:archive-get]\nprocess-max=2\n\n"), "archive-get takes no queue limit:\n" + conf);
    }

    @Test
    void aCalendarPolicyLeavesExpiringToPruneAndKeepsTheWalOfTheNewestFulls() throws Exception {
        String conf = PgBackRestConf.render(config("PGCTL_RETENTION", "daily=7,weekly=4", "PGBACKREST_REPO1_RETENTION_FULL", "3"));
        assertTrue(conf.contains("repo1-retention-full-type=count\nrepo1-retention-full=9999999\n"
                + "repo1-retention-archive-type=full\nrepo1-retention-archive=3\n"), conf);
        String plain = PgBackRestConf.render(config());
        assertTrue(plain.contains("repo1-retention-full=2\n"), plain);
        assertFalse(plain.contains("retention-archive"), plain);
    }

    @Test
    void noRepositoryMeansNoRepositoryOptions() throws Exception {
        Config c = new ConfigLoader(new Env(Map.of(), p -> ""), 2).load();
        assertFalse(PgBackRestConf.render(c).contains("repo1-"));
    }

    @Test
    void postgresIncludeArchivesThroughPgBackRestEvery60Seconds() throws Exception {
        assertEquals("""
                # Managed by pgctl: rewritten at every container start from the environment.
                # Change the variables instead of this file; ALTER SYSTEM still takes precedence.
                wal_level = replica
                archive_mode = on
                archive_timeout = 60
                archive_command = 'pgbackrest --stanza=main archive-push %p'
                ssl = on
                ssl_cert_file = '/etc/pgctl/ssl/server.crt'
                ssl_key_file = '/etc/pgctl/ssl/server.key'
                ssl_min_protocol_version = 'TLSv1.2'
                hba_file = '/etc/pgctl/pg_hba.conf'
                """, PostgresInclude.render(config()));
        assertTrue(PostgresInclude.render(config("PGCTL_ARCHIVE_TIMEOUT", "30")).contains("archive_timeout = 30\n"));
        assertEquals("include_if_exists = '/etc/pgctl/postgresql.conf'\t# pgctl", PostgresInclude.includeLine(config()));
    }

    @Test
    void hbaRejectsTcpWithoutSslBeforeTheClustersOwnRules() throws Exception {
        assertEquals("""
                # Managed by pgctl: rewritten at every container start. Add your own rules to
                # /var/lib/postgresql/18/docker/pg_hba.conf; they apply after the first rule below.
                #
                # TCP connections without SSL are refused, whoever they are.
                hostnossl all all all reject
                # The cluster's own rules (the local socket, and SSL connections).
                include_if_exists /var/lib/postgresql/18/docker/pg_hba.conf
                # SSL connections that no rule above matched.
                hostssl all all all scram-sha-256
                """, HbaConf.render(config()));
    }

    @Test
    void backupsPendingKeepsArchivingOnButShipsNothing() throws Exception {
        String pending = PostgresInclude.render(config(), false);
        assertTrue(pending.contains("archive_mode = on\n"), pending);
        assertTrue(pending.contains("archive_command = '/bin/true'\n"), pending);
        assertFalse(pending.contains("pgbackrest"), pending);
        assertTrue(pending.contains("ssl = on\n"), pending);
    }

    @Test
    void quotingDoublesSingleQuotes() {
        assertEquals("'it''s'", PostgresInclude.quote("it's"));
    }

    @Test
    void crontabRunsPgctlBackupForEachEnabledSchedule() throws Exception {
        assertEquals("""
                # Managed by pgctl: rewritten at every container start from PGCTL_BACKUP_SCHEDULE_* and PGCTL_DRILL_SCHEDULE.
                # Schedules are in UTC whatever TZ the container has.
                CRON_TZ=UTC
                0 1 * * 0 pgctl backup full --scheduled
                0 1 * * 1-6 pgctl backup diff --scheduled
                */30 * * * * pgctl backup incr --scheduled
                15 4 * * 3 pgctl drill --scheduled
                """, Crontab.render(config()));
        assertEquals("""
                # Managed by pgctl: rewritten at every container start from PGCTL_BACKUP_SCHEDULE_* and PGCTL_DRILL_SCHEDULE.
                # Schedules are in UTC whatever TZ the container has.
                CRON_TZ=UTC
                * * * * * pgctl backup full --scheduled
                # diff backups: disabled
                # incr backups: disabled
                # restore drills: disabled
                """, Crontab.render(config("PGCTL_BACKUP_SCHEDULE_FULL", "* * * * *",
                "PGCTL_BACKUP_SCHEDULE_DIFF", "off", "PGCTL_BACKUP_SCHEDULE_INCR", "none", "PGCTL_DRILL_SCHEDULE", "off")));
    }

    @Test
    void aStandbyFollowsItsPrimaryWithThePasswordOutsidePgdataAndArchivesNothing() throws Exception {
        Config c = config("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db-primary", "PGCTL_PRIMARY_PORT", "5433",
                "PGCTL_REPLICATION_PASSWORD", "p:w\\d", "PGCTL_REPLICATION_SLOT", "replica_1");
        String inc = PostgresInclude.render(c, false, "replica_1");
        assertTrue(inc.contains("primary_conninfo = 'host=db-primary port=5433 user=replicator "
                + "passfile=/etc/pgctl/replication.pgpass sslmode=require application_name=replica_1 connect_timeout=10'\n"), inc);
        assertTrue(inc.contains("primary_slot_name = 'replica_1'\n"), inc);
        assertTrue(inc.contains("archive_command = '/bin/true'\n"), inc);
        assertTrue(inc.contains("backups are taken on the primary"), inc);
        assertFalse(inc.contains("p:w"), inc);
        assertEquals("*:*:*:replicator:p\\:w\\\\d\n", Replication.passfile(c));
    }

    @Test
    void aPrimaryWithAReplicationPasswordLetsReplicasInOverSslOnly() throws Exception {
        String hba = HbaConf.render(config("PGCTL_REPLICATION_PASSWORD", "r", "PGCTL_REPLICATION_USER", "standby_login"));
        assertTrue(hba.endsWith("hostssl replication standby_login all scram-sha-256\n"), hba);
        assertTrue(hba.indexOf("hostnossl all all all reject") < hba.indexOf("hostssl replication"), hba);
        assertFalse(HbaConf.render(config()).contains("replication"), "no rule without a replication password");
        assertFalse(PostgresInclude.render(config(), true).contains("primary_conninfo"));
    }

    @Test
    void conninfoQuotesValuesWithSpacesAndQuotes() throws Exception {
        Config c = config("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db", "PGCTL_REPLICATION_PASSWORD", "r",
                "PGCTL_PRIMARY_SSLMODE", "verify-full", "PGCTL_PRIMARY_SSLROOTCERT", "/certs/my ca's.crt");
        assertEquals("host=db port=5432 user=replicator passfile=/etc/pgctl/replication.pgpass sslmode=verify-full "
                + "sslrootcert='/certs/my ca\\'s.crt' connect_timeout=10", Replication.conninfo(c, ""));
    }
}
