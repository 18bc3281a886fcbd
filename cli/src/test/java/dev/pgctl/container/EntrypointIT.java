package dev.pgctl.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;

/** The image's entrypoint: what runs bootstrap, and what bootstrap refuses without touching the volume. */
@Tag("container")
class EntrypointIT {
    @TempDir
    Path volume;

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void otherCommandsSkipBootstrap() {
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container().withCommand("pgctl", "--help"), TIMEOUT);
        assertEquals(0, exit.code(), exit.logs());
        assertTrue(exit.logs().contains("Usage: pgctl"), exit.logs());
        assertFalse(exit.logs().contains("pgctl[bootstrap]"), exit.logs());
    }

    @Test
    void interactiveBashCompletesPgctlSubcommandsAndOptions() {
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container().withCommand("bash", "-ic",
                "COMP_WORDS=(pgctl re); COMP_CWORD=1; COMP_LINE='pgctl re'; COMP_POINT=8; _complete_pgctl; "
                        + "echo \"subcommands: ${COMPREPLY[*]}\"; "
                        + "COMP_WORDS=(pgctl replica promote --y); COMP_CWORD=3; COMP_LINE='pgctl replica promote --y'; "
                        + "COMP_POINT=25; _complete_pgctl; echo \"options: ${COMPREPLY[*]}\""), TIMEOUT);
        assertEquals(0, exit.code(), exit.logs());
        assertTrue(exit.logs().matches("(?s).*subcommands: [^\n]*replica[^\n]*\n.*"), exit.logs());
        assertTrue(exit.logs().matches("(?s).*subcommands: [^\n]*restore[^\n]*\n.*"), exit.logs());
        assertTrue(exit.logs().contains("options: --yes"), exit.logs());
    }

    @Test
    void invalidConfigurationExits3NamesTheVariableAndCreatesNothing() throws IOException {
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container()
                .withEnv("POSTGRES_PASSWORD", "pw-entrypoint-it")
                .withEnv("PGBACKREST_REPO1_S3_BUCKET", "x")
                .withEnv("PGBACKREST_REPO1_S3_ENDPOINT", "https://s3.example.com:9000")
                .withEnv("PGBACKREST_REPO1_S3_KEY", "k")
                .withEnv("PGBACKREST_REPO1_S3_KEY_SECRET", "s3-secret-entrypoint-it")
                .withFileSystemBind(volume.toString(), "/var/lib/postgresql", BindMode.READ_WRITE), TIMEOUT);
        assertEquals(ExitCodes.CONFIG, exit.code(), exit.logs());
        assertTrue(exit.logs().contains("PGBACKREST_REPO1_S3_BUCKET: 'x' is not a valid bucket name"), exit.logs());
        assertTrue(exit.logs().contains("fix: PGBACKREST_REPO1_S3_ENDPOINT=s3.example.com"), exit.logs());
        assertTrue(exit.logs().contains("PGBACKREST_REPO1_STORAGE_PORT=9000"), exit.logs());
        assertFalse(exit.logs().contains("s3-secret-entrypoint-it"), exit.logs());
        assertEmpty(volume);
    }

    @Test
    void aValueOrSecretFileWithALineBreakExits3NamingItAndNothingIsWritten(@TempDir Path secrets) throws IOException {
        Path secret = secrets.resolve("s3-secret");
        Files.writeString(secret, "s3-secret-entrypoint-it\nrepo1-storage-host=evil.example.com\n");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container()
                .withEnv("POSTGRES_PASSWORD", "pw-entrypoint-it")
                .withEnv("PGBACKREST_REPO1_S3_BUCKET", "backups")
                .withEnv("PGBACKREST_REPO1_S3_ENDPOINT", "s3")
                .withEnv("PGBACKREST_REPO1_S3_KEY", "k")
                .withEnv("PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3-secret")
                .withEnv("PGBACKREST_REPO1_S3_REGION", "eu-west-1\nrepo1-storage-host=evil.example.com")
                .withFileSystemBind(secret.toString(), "/run/secrets/s3-secret", BindMode.READ_ONLY)
                .withFileSystemBind(volume.toString(), "/var/lib/postgresql", BindMode.READ_WRITE), TIMEOUT);
        assertEquals(ExitCodes.CONFIG, exit.code(), exit.logs());
        assertTrue(exit.logs().contains("PGBACKREST_REPO1_S3_REGION: holds a newline (\\n) at position 10"), exit.logs());
        assertTrue(exit.logs().contains("PGBACKREST_REPO1_S3_KEY_SECRET_FILE: the file /run/secrets/s3-secret holds a newline"),
                exit.logs());
        assertFalse(exit.logs().contains("s3-secret-entrypoint-it"), exit.logs());
        assertTrue(exit.logs().contains("'eu-west-1\\nrepo1-storage-host=evil.example.com'"), "escaped, on one line: " + exit.logs());
        assertFalse(exit.logs().contains("PostgreSQL init process complete"), exit.logs());
        assertEmpty(volume);
    }

    @Test
    void newClusterWithoutRepositoryIsRefusedWithTheSettingsToAdd() throws IOException {
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container()
                .withEnv("POSTGRES_PASSWORD", "pw-entrypoint-it")
                .withFileSystemBind(volume.toString(), "/var/lib/postgresql", BindMode.READ_WRITE), TIMEOUT);
        assertEquals(ExitCodes.CONFIG, exit.code(), exit.logs());
        assertTrue(exit.logs().contains("no backup repository is configured"), exit.logs());
        assertTrue(exit.logs().contains("PGBACKREST_REPO1_S3_KEY_SECRET_FILE=/run/secrets/s3-secret"), exit.logs());
        assertFalse(exit.logs().contains("PostgreSQL init process complete"), exit.logs());
        assertEmpty(volume);
    }

    @Test
    void unreachableRepositoryOnAnEmptyVolumeIsRefusedNotInitialised() throws IOException {
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container()
                .withEnv("POSTGRES_PASSWORD", "pw-entrypoint-it")
                .withEnv("PGBACKREST_REPO1_S3_BUCKET", "lost-backups")
                .withEnv("PGBACKREST_REPO1_S3_ENDPOINT", "s3.invalid")
                .withEnv("PGBACKREST_REPO1_S3_KEY", "k")
                .withEnv("PGBACKREST_REPO1_S3_KEY_SECRET", "s3-secret-entrypoint-it")
                .withFileSystemBind(volume.toString(), "/var/lib/postgresql", BindMode.READ_WRITE), TIMEOUT);
        assertEquals(ExitCodes.UNSAFE, exit.code(), exit.logs());
        assertTrue(exit.logs().contains("the backup repository cannot be read"), exit.logs());
        assertTrue(exit.logs().contains("PGCTL_RESTORE_ON_EMPTY=never"), exit.logs());
        assertFalse(exit.logs().contains("PostgreSQL init process complete"), exit.logs());
        assertFalse(exit.logs().contains("s3-secret-entrypoint-it"), exit.logs());
        assertEmpty(volume);
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefusedBeforePostgresStarts(@TempDir Path certs) throws Exception {
        openssl(certs, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=a",
                "-keyout", "a.key", "-out", "server.crt");
        openssl(certs, "genpkey", "-algorithm", "RSA", "-out", "server.key");
        Files.delete(certs.resolve("a.key"));
        for (Path p : List.of(certs.resolve("server.crt"), certs.resolve("server.key"))) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        String before = listing(certs);
        ImageRun.Exit exit = ImageRun.runToExit(ImageRun.container()
                .withEnv("POSTGRES_PASSWORD", "pw-entrypoint-it")
                .withFileSystemBind(certs.toString(), "/var/lib/postgresql/ssl", BindMode.READ_ONLY)
                .withFileSystemBind(volume.toString(), "/var/lib/postgresql/18", BindMode.READ_WRITE), TIMEOUT);
        assertEquals(ExitCodes.CONFIG, exit.code(), exit.logs());
        assertTrue(exit.logs().contains("/var/lib/postgresql/ssl/server.key: does not belong to /var/lib/postgresql/ssl/server.crt"),
                exit.logs());
        assertTrue(exit.logs().contains("rm /var/lib/postgresql/ssl/server.crt /var/lib/postgresql/ssl/server.key"), exit.logs());
        assertEquals(before, listing(certs), "the provided files are untouched");
        assertEmpty(volume);
    }

    static void openssl(Path dir, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    static String listing(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir).sorted()) {
            for (Path p : s.toList()) {
                sb.append(p.getFileName()).append(' ').append(Files.size(p)).append(' ')
                        .append(java.util.Arrays.hashCode(Files.readAllBytes(p))).append('\n');
            }
        }
        return sb.toString();
    }

    static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(dir), s.toList(), "the volume must stay untouched");
        }
    }
}
