package dev.pgctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pgbackrest.conf with a second repository: repo2-* options in [global], beside repo1's, secrets in the file only. */
class Repo2ConfTest {
    static final String AZ_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /** The repo2-* lines of the [global] section, in order. */
    static String repo2Lines(String conf) {
        String global = conf.substring(conf.indexOf("[global]\n"), conf.indexOf("\n[global:"));
        return String.join("\n", global.lines().filter(l -> l.startsWith("repo2-")).toList()) + "\n";
    }

    @Test
    void azureAsAzuriteIsReached() throws Exception {
        Config c = RenderTest.config("PGBACKREST_REPO2_TYPE", "azure", "PGBACKREST_REPO2_AZURE_ACCOUNT", "devstoreaccount1",
                "PGBACKREST_REPO2_AZURE_CONTAINER", "backups", "PGBACKREST_REPO2_AZURE_KEY", AZ_KEY,
                "PGBACKREST_REPO2_AZURE_ENDPOINT", "azurite", "PGBACKREST_REPO2_AZURE_URI_STYLE", "path",
                "PGBACKREST_REPO2_STORAGE_PORT", "10000", "PGBACKREST_REPO2_STORAGE_CA_FILE", "/ca.crt",
                "PGBACKREST_REPO2_RETENTION_FULL", "1");
        String conf = PgBackRestConf.render(c);
        assertEquals("""
                repo2-type=azure
                repo2-azure-account=devstoreaccount1
                repo2-azure-container=backups
                repo2-azure-key-type=shared
                repo2-azure-key=%s
                repo2-azure-endpoint=azurite
                repo2-azure-uri-style=path
                repo2-storage-port=10000
                repo2-storage-verify-tls=y
                repo2-storage-ca-file=/ca.crt
                repo2-path=/pgbackrest
                repo2-retention-full-type=count
                repo2-retention-full=1
                repo2-bundle=y
                repo2-block=n
                """.formatted(AZ_KEY), repo2Lines(conf));
        // repo1 is untouched, and comes first: repo1 is where status, backups and restores start
        assertTrue(conf.indexOf("repo1-type=s3") < conf.indexOf("repo2-type=azure"), conf);
        assertTrue(conf.contains("repo1-retention-full=2\n"), conf);
    }

    @Test
    void aSasToken() throws Exception {
        String sas = "sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2027-01-01T00:00:00Z&sig=abc%3D";
        String conf = PgBackRestConf.render(RenderTest.config("PGBACKREST_REPO2_TYPE", "azure",
                "PGBACKREST_REPO2_AZURE_ACCOUNT", "mybackups", "PGBACKREST_REPO2_AZURE_CONTAINER", "pg-backups",
                "PGBACKREST_REPO2_AZURE_KEY_TYPE", "sas", "PGBACKREST_REPO2_AZURE_KEY", sas));
        assertTrue(repo2Lines(conf).contains("repo2-azure-key-type=sas\nrepo2-azure-key=" + sas + "\n"
                + "repo2-azure-endpoint=blob.core.windows.net\nrepo2-azure-uri-style=host\n"), conf);
    }

    @Test
    void s3InAnotherRegionEncryptedWithItsOwnPassphrase() throws Exception {
        String conf = PgBackRestConf.render(RenderTest.config("PGBACKREST_REPO2_TYPE", "s3",
                "PGBACKREST_REPO2_S3_BUCKET", "backups-eu", "PGBACKREST_REPO2_S3_ENDPOINT", "s3.eu-central-1.amazonaws.com",
                "PGBACKREST_REPO2_S3_REGION", "eu-central-1", "PGBACKREST_REPO2_S3_KEY_TYPE", "auto",
                "PGBACKREST_REPO2_RETENTION_DIFF", "3", "PGBACKREST_REPO2_CIPHER_PASS", "second-words"));
        assertEquals("""
                repo2-type=s3
                repo2-s3-bucket=backups-eu
                repo2-s3-endpoint=s3.eu-central-1.amazonaws.com
                repo2-s3-region=eu-central-1
                repo2-s3-uri-style=host
                repo2-s3-key-type=auto
                repo2-storage-verify-tls=y
                repo2-path=/pgbackrest
                repo2-retention-full-type=count
                repo2-retention-full=2
                repo2-retention-diff=3
                repo2-cipher-type=aes-256-cbc
                repo2-cipher-pass=second-words
                repo2-bundle=y
                repo2-block=n
                """, repo2Lines(conf));
        assertFalse(conf.contains("repo1-cipher"), "repo1 is not encrypted by repo2's passphrase: " + conf);
    }

    @Test
    void posixIsItsPathAndItsOwnRetention() throws Exception {
        String conf = PgBackRestConf.render(RenderTest.config("PGBACKREST_REPO2_TYPE", "posix",
                "PGBACKREST_REPO2_PATH", "/var/lib/pgbackrest-repo2", "PGBACKREST_REPO2_RETENTION_FULL", "4",
                "PGBACKREST_REPO2_BUNDLE", "n", "PGBACKREST_REPO2_BLOCK", "n"));
        assertEquals("""
                repo2-type=posix
                repo2-path=/var/lib/pgbackrest-repo2
                repo2-retention-full-type=count
                repo2-retention-full=4
                repo2-bundle=n
                repo2-block=n
                """, repo2Lines(conf));
    }

    @Test
    void withoutASecondRepositoryNothingOfRepo2IsWritten() throws Exception {
        assertFalse(PgBackRestConf.render(RenderTest.config()).contains("repo2"));
    }

    @Test
    void theArchiveCommandNamesNoRepositoryNorSecret() throws Exception {
        // archive-push reads both repositories from pgbackrest.conf: nothing of repo2 is on a command line (ps)
        Config c = RenderTest.config("PGBACKREST_REPO2_TYPE", "azure", "PGBACKREST_REPO2_AZURE_ACCOUNT", "devstoreaccount1",
                "PGBACKREST_REPO2_AZURE_CONTAINER", "backups", "PGBACKREST_REPO2_AZURE_KEY", AZ_KEY);
        String include = PostgresInclude.render(c);
        assertTrue(include.contains("archive_command = 'pgbackrest --stanza=main archive-push %p'\n"), include);
        for (String never : List.of(AZ_KEY, "devstoreaccount1", "repo2")) {
            assertFalse(include.contains(never), include);
        }
        // the crontab names the second repository's number only (pgctl backup ... --repo 2)
        for (String never : List.of(AZ_KEY, "devstoreaccount1", "azurite")) {
            assertFalse(Crontab.render(c).contains(never), Crontab.render(c));
        }
    }

    @Test
    void theSecondRepositoryHasItsOwnSchedulesInTheCrontab() throws Exception {
        Config c = RenderTest.config("PGBACKREST_REPO2_TYPE", "posix", "PGBACKREST_REPO2_PATH", "/mnt/repo2");
        assertEquals("""
                # Managed by pgctl: rewritten at every container start from PGCTL_BACKUP_SCHEDULE_* and PGCTL_DRILL_SCHEDULE.
                # Schedules are in UTC whatever TZ the container has.
                CRON_TZ=UTC
                0 1 * * 0 pgctl backup full --scheduled
                0 1 * * 1-6 pgctl backup diff --scheduled
                */30 * * * * pgctl backup incr --scheduled
                15 3 * * 0 pgctl backup full --repo 2 --scheduled
                15 3 * * 1-6 pgctl backup diff --repo 2 --scheduled
                # incr backups to repo2: disabled
                15 4 * * 3 pgctl drill --scheduled
                """, Crontab.render(c));
        String changed = Crontab.render(RenderTest.config("PGBACKREST_REPO2_TYPE", "posix", "PGBACKREST_REPO2_PATH", "/mnt/repo2",
                "PGCTL_BACKUP_SCHEDULE_REPO2_FULL", "off", "PGCTL_BACKUP_SCHEDULE_REPO2_INCR", "45 */6 * * *"));
        assertTrue(changed.contains("# full backups to repo2: disabled\n"), changed);
        assertTrue(changed.contains("45 */6 * * * pgctl backup incr --repo 2 --scheduled\n"), changed);
        assertFalse(Crontab.render(RenderTest.config()).contains("repo"), "one repository: the crontab as before");
    }

    @Test
    void statusListsTheSecondRepositorysSchedulesAfterRepo1s() throws Exception {
        Config c = RenderTest.config("PGBACKREST_REPO2_TYPE", "posix", "PGBACKREST_REPO2_PATH", "/mnt/repo2");
        var s = dev.pgctl.status.Schedules.of(c, java.time.Instant.parse("2026-12-02T18:00:00Z"));
        assertEquals(List.of("full", "diff", "incr", "repo2 full", "repo2 diff", "repo2 incr"),
                s.stream().map(x -> x.type()).toList());
        assertEquals(java.util.Optional.of("2026-12-03T03:15:00Z"), s.get(4).nextRun());
        assertEquals(java.util.Optional.empty(), s.get(5).cron());
    }

    @Test
    void anAzureManagedIdentityWritesNoKey() throws Exception {
        String conf = PgBackRestConf.render(RenderTest.config("PGBACKREST_REPO2_TYPE", "azure",
                "PGBACKREST_REPO2_AZURE_ACCOUNT", "mybackups", "PGBACKREST_REPO2_AZURE_CONTAINER", "pg-backups",
                "PGBACKREST_REPO2_AZURE_KEY_TYPE", "auto"));
        assertTrue(repo2Lines(conf).contains("repo2-azure-container=pg-backups\nrepo2-azure-key-type=auto\n"
                + "repo2-azure-endpoint=blob.core.windows.net\n"), conf);
        assertFalse(conf.contains("repo2-azure-key="), conf);
    }
}
