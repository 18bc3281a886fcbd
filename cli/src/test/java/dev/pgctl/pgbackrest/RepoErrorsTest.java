package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepoErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[CryptoError] unable to verify certificate presented by 's3:9191': [19] self-signed certificate | PGBACKREST_REPO1_STORAGE_CA_FILE",
        "[HostConnectError] unable to get address for 's3': [-2] Name or service not known | PGBACKREST_REPO1_S3_ENDPOINT",
        "[HostConnectError] unable to connect to 's3:9191': [111] Connection refused | PGBACKREST_REPO1_STORAGE_PORT",
        "HTTP request failed with 403 (Forbidden): SignatureDoesNotMatch | PGBACKREST_REPO1_S3_KEY_SECRET",
        "HTTP request failed with 404 (Not Found): NoSuchBucket | PGBACKREST_REPO1_S3_BUCKET",
        "unable to decrypt: wrong cipher passphrase | PGBACKREST_REPO1_CIPHER_PASS",
        "unable to write '/var/spool/pgbackrest/archive/main/out/000000010000000000000005.ok': [28] No space left on device | PGBACKREST_SPOOL_PATH",
        "something nobody expected | PGBACKREST_REPO1_*"})
    void namesTheSettingToFix(String error, String setting) {
        String fix = RepoErrors.fixFor(error);
        assertTrue(fix.contains(setting), fix);
    }

    @ParameterizedTest(name = "[{index}] repo{1} {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        "[HostConnectError] unable to connect to 's3:9191': [111] Connection refused | 1 | s3    | PGBACKREST_REPO1_S3_ENDPOINT and PGBACKREST_REPO1_STORAGE_PORT",
        "[HostConnectError] unable to connect to 's3b:443': [111] Connection refused | 2 | s3    | PGBACKREST_REPO2_S3_ENDPOINT and PGBACKREST_REPO2_STORAGE_PORT",
        "[HostConnectError] unable to connect to 'azurite:10000': [111] Connection refused | 2 | azure | the blob service does not answer: check PGBACKREST_REPO2_AZURE_ENDPOINT and PGBACKREST_REPO2_STORAGE_PORT",
        "HTTP request failed with 403 (Server failed to authenticate the request) | 2 | azure | Azure refused the credentials: check PGBACKREST_REPO2_AZURE_KEY",
        "HTTP request failed with 404 (ContainerNotFound) | 2 | azure | the container does not exist: create it",
        "[047]: unable to create path '/mnt/repo2/archive': [13] Permission denied | 2 | posix | postgres cannot write PGBACKREST_REPO2_PATH",
        "[055]: unable to open missing file '/mnt/repo2/backup/main/backup.info' for read | 2 | posix | check that the volume is mounted at PGBACKREST_REPO2_PATH",
        "[SignatureDoesNotMatch] | 2 | s3 | check PGBACKREST_REPO2_S3_KEY and PGBACKREST_REPO2_S3_KEY_SECRET"})
    void aSecondRepositorysFixNamesItsOwnSettings(String error, int repo, String type, String fix) {
        String f = RepoErrors.fixFor(error, repo, type);
        assertTrue(f.contains(fix.strip()), f);
        if (repo == 2) {
            assertFalse(f.contains("REPO1"), f);
        }
    }

    /** pgctl check's repository lines: the step a message stops at (pgBackRest 2.60's messages, seen). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[CryptoError] unable to verify certificate presented by 's3:9191': [19] self-signed certificate | TLS",
        "[CryptoError] TLS error [1:167772294] certificate verify failed | TLS",
        "[HostConnectError] unable to get address for 's3': [-2] Name or service not known | ENDPOINT",
        "[HostConnectError] unable to connect to 's3:9191': [111] Connection refused | ENDPOINT",
        "[ProtocolError] timeout after 60000ms waiting for read from 's3:9191' | ENDPOINT",
        "HTTP request failed with 403 (Forbidden): SignatureDoesNotMatch | LOGIN",
        "*** Path/Query ***: GET /?list-type=2 ... 403 InvalidAccessKeyId | LOGIN",
        "HTTP request failed with 404 (Not Found): NoSuchBucket | BUCKET",
        "unable to decrypt: wrong cipher passphrase | ",
        "unable to write '/var/spool/pgbackrest/x.ok': [28] No space left on device | ",
        "something nobody expected | "})
    void tellsTheStepARequestStoppedAt(String error, String stage) {
        assertEquals(Optional.ofNullable(stage).map(RepoErrors.Stage::valueOf), RepoErrors.stage(error));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'[ProtocolError] HTTP request failed with 403 (Forbidden):\n*** Path/Query ***:\nGET /b/?list-type=2\n*** Response Content ***:\n"
                + "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>Forbidden</Message></Error>'"
                + " | [ProtocolError] HTTP request failed with 403 (Forbidden): SignatureDoesNotMatch",
        "'P00  ERROR: [039]: HTTP request failed with 404 (Not Found) NoSuchBucket\n<Code>NoSuchBucket</Code>'"
                + " | [039]: HTTP request failed with 404 (Not Found) NoSuchBucket",
        "'\n[HostConnectError] unable to connect to s3:9191: [111] Connection refused\nHINT: is the server up?'"
                + " | [HostConnectError] unable to connect to s3:9191: [111] Connection refused"})
    void theHeadlineIsTheFirstLineWithTheS3ErrorCode(String error, String headline) {
        assertEquals(headline, RepoErrors.headline(error));
    }
}
