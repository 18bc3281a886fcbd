package dev.pgctl.config;

import static dev.pgctl.config.ConfigLoaderTest.S3;
import static dev.pgctl.config.ConfigLoaderTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config.Repo2;
import dev.pgctl.problem.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The second repository's variables (README "Second repository"): what loads, and what is refused with which fix. */
class Repo2LoaderTest {
    /** Azurite's well-known development key: base64, not a secret. The tests use it as an Azure shared key. */
    static final String AZ_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String SAS = "sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2027-01-01T00:00:00Z&sig=Kx7sasSignature%3D";

    static final Map<String, String> AZURE = with(S3,
            "PGBACKREST_REPO2_TYPE", "azure",
            "PGBACKREST_REPO2_AZURE_ACCOUNT", "devstoreaccount1",
            "PGBACKREST_REPO2_AZURE_CONTAINER", "backups",
            "PGBACKREST_REPO2_AZURE_KEY", AZ_KEY);

    static final Map<String, String> S3_2 = with(S3,
            "PGBACKREST_REPO2_TYPE", "s3",
            "PGBACKREST_REPO2_S3_BUCKET", "backups-eu",
            "PGBACKREST_REPO2_S3_ENDPOINT", "s3.eu-central-1.amazonaws.com",
            "PGBACKREST_REPO2_S3_KEY", "AKIA2",
            "PGBACKREST_REPO2_S3_KEY_SECRET", "Kx7second-secret");

    static final Map<String, String> POSIX = with(S3,
            "PGBACKREST_REPO2_TYPE", "posix",
            "PGBACKREST_REPO2_PATH", "/var/lib/pgbackrest-repo2");

    /** A configuration in which {@code v} is read: a second repository of its type for the REPO2 rows, else repo1 alone. */
    static Map<String, String> forVariable(Variable v) {
        if (v.section() != Variable.Section.REPO2) {
            return S3;
        }
        String n = v.name();
        return n.contains("_S3_") ? S3_2 : n.contains("_AZURE_") || n.contains("_STORAGE_") ? AZURE : POSIX;
    }

    static Config load(Map<String, String> vars) throws ConfigLoader.InvalidConfig {
        return ConfigLoaderTest.load(vars);
    }

    static List<Problem> problems(Map<String, String> vars) {
        return ValueSafetyTest.problems(vars, Map.of("/ca.crt", "-----BEGIN CERTIFICATE-----\n",
                "/run/secrets/azure-key", AZ_KEY + "\n"));
    }

    @Test
    void noRepo2VariableMeansNoSecondRepository() throws Exception {
        Config c = load(S3);
        assertEquals(Optional.empty(), c.repo2());
        assertEquals(List.of(1), c.repoNumbers());
    }

    @Test
    void azureWithDefaults() throws Exception {
        Config c = load(AZURE);
        Repo2 r = c.repo2().orElseThrow();
        Repo2.Azure a = (Repo2.Azure) r.storage();
        assertEquals("devstoreaccount1", a.account());
        assertEquals("backups", a.container());
        assertEquals("shared", a.keyType());
        assertEquals(AZ_KEY, a.key().orElseThrow().reveal());
        assertEquals("blob.core.windows.net", a.endpoint());
        assertEquals("host", a.uriStyle());
        assertEquals(Optional.empty(), a.port());
        assertTrue(a.verifyTls());
        assertEquals("/pgbackrest", r.path());
        assertEquals(2, r.retentionFull());
        assertEquals(Optional.empty(), r.cipherPass());
        assertTrue(r.bundle() && !r.block(), "bundling on, block incremental off (restores at S3 latency)");
        assertEquals(List.of(1, 2), c.repoNumbers());
        assertFalse(r.toString().contains(AZ_KEY), r.toString());
    }

    @Test
    void azuriteLikeSettingsAndAKeyFromAFile() throws Exception {
        Config c = ValueSafetyTest.load(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY", null,
                "PGBACKREST_REPO2_AZURE_KEY_FILE", "/run/secrets/azure-key", "PGBACKREST_REPO2_AZURE_ENDPOINT", "azurite",
                "PGBACKREST_REPO2_AZURE_URI_STYLE", "PATH", "PGBACKREST_REPO2_STORAGE_PORT", "10000",
                "PGBACKREST_REPO2_STORAGE_CA_FILE", "/ca.crt", "PGBACKREST_REPO2_RETENTION_FULL", "4",
                "PGBACKREST_REPO2_RETENTION_DIFF", "3", "PGBACKREST_REPO2_CIPHER_PASS", "other-words"),
                Map.of("/ca.crt", "-----BEGIN CERTIFICATE-----\n", "/run/secrets/azure-key", AZ_KEY + "\n"));
        Repo2 r = c.repo2().orElseThrow();
        Repo2.Azure a = (Repo2.Azure) r.storage();
        assertEquals(AZ_KEY, a.key().orElseThrow().reveal());
        assertEquals("azurite", a.endpoint());
        assertEquals("path", a.uriStyle());
        assertEquals(Optional.of(10000), a.port());
        assertEquals(Optional.of(Path.of("/ca.crt")), a.caFile());
        assertEquals(4, r.retentionFull());
        assertEquals(Optional.of(3), r.retentionDiff());
        assertEquals("other-words", r.cipherPass().orElseThrow().reveal());
    }

    @Test
    void aSasToken() throws Exception {
        Repo2.Azure a = (Repo2.Azure) load(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY_TYPE", "sas",
                "PGBACKREST_REPO2_AZURE_KEY", SAS)).repo2().orElseThrow().storage();
        assertEquals("sas", a.keyType());
        assertEquals(SAS, a.key().orElseThrow().reveal());
    }

    @Test
    void s3InAnotherRegionWithAnInstanceRole() throws Exception {
        Repo2.S3 s = (Repo2.S3) load(with(S3_2, "PGBACKREST_REPO2_S3_REGION", "eu-central-1")).repo2().orElseThrow().storage();
        assertEquals("backups-eu", s.bucket());
        assertEquals("s3.eu-central-1.amazonaws.com", s.endpoint());
        assertEquals("eu-central-1", s.region());
        assertEquals("Kx7second-secret", s.keySecret().orElseThrow().reveal());
        Repo2.S3 role = (Repo2.S3) load(with(S3_2, "PGBACKREST_REPO2_S3_KEY_TYPE", "web-id", "PGBACKREST_REPO2_S3_KEY", null,
                "PGBACKREST_REPO2_S3_KEY_SECRET", null)).repo2().orElseThrow().storage();
        assertEquals("web-id", role.keyType());
        assertEquals(Optional.empty(), role.key());
    }

    @Test
    void posixIsADirectory() throws Exception {
        Repo2 r = load(with(POSIX, "PGBACKREST_REPO2_PATH", "/mnt/nfs/./pg/")).repo2().orElseThrow();
        assertEquals(new Repo2.Posix(), r.storage());
        assertEquals("/mnt/nfs/pg", r.path());
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(with(S3, "PGBACKREST_REPO2_AZURE_ACCOUNT", "acct"), "PGBACKREST_REPO2_TYPE",
                        "is not set, but PGBACKREST_REPO2_AZURE_ACCOUNT is", "PGBACKREST_REPO2_TYPE=azure"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_TYPE", "gcs"), "PGBACKREST_REPO2_TYPE",
                        "'gcs' is not supported", "PGBACKREST_REPO2_TYPE=posix"),
                Arguments.of(Map.of("PGBACKREST_REPO2_TYPE", "posix", "PGBACKREST_REPO2_PATH", "/mnt/repo2"),
                        "PGBACKREST_REPO2_TYPE", "there is no first repository", "PGBACKREST_REPO1_S3_BUCKET"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_S3_BUCKET", "b"), "PGBACKREST_REPO2_S3_BUCKET",
                        "is set, but PGBACKREST_REPO2_TYPE=azure", "remove PGBACKREST_REPO2_S3_BUCKET"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_STORAGE_PORT", "443"), "PGBACKREST_REPO2_STORAGE_PORT",
                        "is set, but PGBACKREST_REPO2_TYPE=posix", "remove PGBACKREST_REPO2_STORAGE_PORT"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_ACCOUNT", null), "PGBACKREST_REPO2_AZURE_ACCOUNT",
                        "is not set", "PGBACKREST_REPO2_AZURE_ACCOUNT=mybackups"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_ACCOUNT", "My_Account"), "PGBACKREST_REPO2_AZURE_ACCOUNT",
                        "is not a storage account name", "PGBACKREST_REPO2_AZURE_ACCOUNT=mybackups"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_CONTAINER", "pg--backups"), "PGBACKREST_REPO2_AZURE_CONTAINER",
                        "is not a container name", "PGBACKREST_REPO2_AZURE_CONTAINER=pg-backups"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY", null), "PGBACKREST_REPO2_AZURE_KEY",
                        "is not set", "PGBACKREST_REPO2_AZURE_KEY_FILE=/run/secrets/azure-key"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY", "Kx7not*base64"), "PGBACKREST_REPO2_AZURE_KEY",
                        "is not base64", "az storage account keys list --account-name devstoreaccount1"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY", SAS), "PGBACKREST_REPO2_AZURE_KEY",
                        "looks like a SAS token", "PGBACKREST_REPO2_AZURE_KEY_TYPE=sas"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY_TYPE", "sas", "PGBACKREST_REPO2_AZURE_KEY", "?" + SAS),
                        "PGBACKREST_REPO2_AZURE_KEY", "starts with '?'", "without its leading '?'"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY_TYPE", "sas", "PGBACKREST_REPO2_AZURE_KEY", AZ_KEY),
                        "PGBACKREST_REPO2_AZURE_KEY", "no sig= parameter", "PGBACKREST_REPO2_AZURE_KEY_TYPE=shared"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY_TYPE", "oauth"), "PGBACKREST_REPO2_AZURE_KEY_TYPE",
                        "is not an Azure key type", "PGBACKREST_REPO2_AZURE_KEY_TYPE=auto"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY_TYPE", "auto"), "PGBACKREST_REPO2_AZURE_KEY",
                        "is set, but PGBACKREST_REPO2_AZURE_KEY_TYPE=auto", "remove PGBACKREST_REPO2_AZURE_KEY"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_ENDPOINT", "https://azurite:10000"),
                        "PGBACKREST_REPO2_AZURE_ENDPOINT", "is not a host name", "PGBACKREST_REPO2_STORAGE_PORT=10000"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_AZURE_URI_STYLE", "virtual"), "PGBACKREST_REPO2_AZURE_URI_STYLE",
                        "is not a URI style", "PGBACKREST_REPO2_AZURE_URI_STYLE=path"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_STORAGE_CA_FILE", "/missing.crt"), "PGBACKREST_REPO2_STORAGE_CA_FILE",
                        "cannot read /missing.crt", "docker run -v ./ca.crt:/missing.crt:ro"),
                Arguments.of(with(AZURE, "PGBACKREST_REPO2_PATH", "pgbackrest"), "PGBACKREST_REPO2_PATH",
                        "is not an absolute path", "PGBACKREST_REPO2_PATH=/pgbackrest"),
                Arguments.of(with(S3_2, "PGBACKREST_REPO2_S3_BUCKET", null), "PGBACKREST_REPO2_S3_BUCKET", "is not set",
                        "PGBACKREST_REPO2_S3_BUCKET=my-backups-eu-central-1"),
                Arguments.of(with(S3_2, "PGBACKREST_REPO2_S3_BUCKET", "Bad_Bucket"), "PGBACKREST_REPO2_S3_BUCKET",
                        "is not a valid bucket name", "PGBACKREST_REPO2_S3_BUCKET="),
                Arguments.of(with(S3_2, "PGBACKREST_REPO2_S3_ENDPOINT", "s3.example.com:9000"), "PGBACKREST_REPO2_S3_ENDPOINT",
                        "is not a host name", "PGBACKREST_REPO2_STORAGE_PORT=9000"),
                Arguments.of(with(S3_2, "PGBACKREST_REPO2_S3_REGION", "eu central"), "PGBACKREST_REPO2_S3_REGION",
                        "is not a region name", "PGBACKREST_REPO2_S3_REGION=eu-central-1"),
                Arguments.of(with(S3_2, "PGBACKREST_REPO2_S3_KEY_SECRET", null), "PGBACKREST_REPO2_S3_KEY_SECRET",
                        "is not set", "PGBACKREST_REPO2_S3_KEY_SECRET_FILE=/run/secrets/s3-secret-2"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_PATH", null), "PGBACKREST_REPO2_PATH", "is not set",
                        "PGBACKREST_REPO2_PATH=/var/lib/pgbackrest-repo2"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_PATH", "/var/lib/postgresql/18/docker/repo"),
                        "PGBACKREST_REPO2_PATH", "overlaps PGDATA", "on its own volume"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_PATH", "/var/lib"), "PGBACKREST_REPO2_PATH", "overlaps PGDATA",
                        "PGBACKREST_REPO2_PATH=/var/lib/pgbackrest-repo2"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_PATH", "/mnt/my repo"), "PGBACKREST_REPO2_PATH",
                        "holds a space", "PGBACKREST_REPO2_PATH=/var/lib/pgbackrest-repo2"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_CIPHER_TYPE", "aes-256-cbc"), "PGBACKREST_REPO2_CIPHER_PASS",
                        "is not set", "PGBACKREST_REPO2_CIPHER_PASS_FILE="),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_CIPHER_TYPE", "none", "PGBACKREST_REPO2_CIPHER_PASS", "Kx7words"),
                        "PGBACKREST_REPO2_CIPHER_TYPE", "is 'none' but a cipher passphrase is set", "aes-256-cbc"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_BUNDLE", "n", "PGBACKREST_REPO2_BLOCK", "y"), "PGBACKREST_REPO2_BLOCK",
                        "is y, but PGBACKREST_REPO2_BUNDLE is n", "PGBACKREST_REPO2_BLOCK=n"),
                Arguments.of(with(POSIX, "PGBACKREST_REPO2_RETENTION_FULL", "0"), "PGBACKREST_REPO2_RETENTION_FULL",
                        "is out of range", "PGBACKREST_REPO2_RETENTION_FULL=2"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("badSettings")
    void badSettingsNameTheVariableWhyAndTheFixAndNeverASecret(Map<String, String> vars, String subject, String what,
            String fix) {
        List<Problem> ps = problems(vars);
        Problem p = ps.stream().filter(x -> x.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + subject + ": " + ps));
        assertTrue(p.what().contains(what), p.what());
        assertFalse(p.why().isBlank(), "no reason given: " + p.render());
        assertTrue(p.fix().stream().anyMatch(f -> f.contains(fix)), p.fix().toString());
        for (Problem any : ps) {
            for (String secret : List.of("Kx7", AZ_KEY.substring(0, 20), "top-secret")) {
                assertFalse(any.render().contains(secret), "a problem printed a secret: " + any.render());
            }
        }
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("shared", AZ_KEY, null),
                Arguments.of("shared", "not base64!", "is not a shared key: it is not base64"),
                Arguments.of("shared", "", "is not a shared key: it decodes to nothing"),
                Arguments.of("shared", SAS, "looks like a SAS token, not a shared key"),
                Arguments.of("sas", SAS, null),
                Arguments.of("sas", "?" + SAS, "starts with '?'"),
                Arguments.of("sas", AZ_KEY, "is not a SAS token: it has no sig= parameter"));
    }

    @ParameterizedTest(name = "[{index}] {0} {2}")
    @MethodSource("keys")
    void azureKeyDefects(String type, String key, String defect) {
        assertEquals(Optional.ofNullable(defect), Repo2Loader.keyDefect(type, key));
    }

    /** Every repo2 value that reaches pgbackrest.conf: with a line appended, it is refused by name (as repo1's are). */
    static Stream<Arguments> valuesThatReachPgbackrestConf() {
        return Stream.of(
                Arguments.of(AZURE, "PGBACKREST_REPO2_AZURE_ACCOUNT", "devstoreaccount1"),
                Arguments.of(AZURE, "PGBACKREST_REPO2_AZURE_CONTAINER", "backups"),
                Arguments.of(AZURE, "PGBACKREST_REPO2_AZURE_KEY", AZ_KEY),
                Arguments.of(AZURE, "PGBACKREST_REPO2_AZURE_ENDPOINT", "azurite"),
                Arguments.of(AZURE, "PGBACKREST_REPO2_PATH", "/pgbackrest"),
                Arguments.of(S3_2, "PGBACKREST_REPO2_S3_BUCKET", "backups-eu"),
                Arguments.of(S3_2, "PGBACKREST_REPO2_S3_REGION", "eu-central-1"),
                Arguments.of(S3_2, "PGBACKREST_REPO2_S3_KEY_SECRET", "Kx7second-secret"),
                Arguments.of(POSIX, "PGBACKREST_REPO2_PATH", "/mnt/repo2"),
                Arguments.of(POSIX, "PGBACKREST_REPO2_CIPHER_PASS", "Kx7words"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("valuesThatReachPgbackrestConf")
    void aNewlineInARepo2ValueIsRefusedByName(Map<String, String> base, String name, String good) throws Exception {
        load(with(base, name, good));
        List<Problem> ps = problems(with(base, name, good + ValueSafetyTest.INJECTED));
        assertEquals(1, ps.size(), "exactly one problem, about " + name + ": " + ps);
        assertEquals(name, ps.get(0).subject());
        assertTrue(ps.get(0).what().startsWith("holds a newline"), ps.get(0).what());
    }

    @Test
    void azureManagedIdentityNeedsNoKey() throws Exception {
        Repo2.Azure a = (Repo2.Azure) load(with(AZURE, "PGBACKREST_REPO2_AZURE_KEY_TYPE", "auto",
                "PGBACKREST_REPO2_AZURE_KEY", null)).repo2().orElseThrow().storage();
        assertEquals("auto", a.keyType());
        assertEquals(Optional.empty(), a.key());
    }
}
