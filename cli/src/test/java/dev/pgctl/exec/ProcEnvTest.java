package dev.pgctl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcEnvTest {
    private static final Map<String, String> BASE = Map.of(
            "PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3",
            "PGBACKREST_REPO1_STORAGE_CA_FILE", "/etc/ca.crt",
            "PGBACKREST_STANZA", "main",
            "PATH", "/usr/bin");

    @ParameterizedTest(name = "{0}: *_FILE kept {1}")
    @CsvSource({
            // pgBackRest would warn about *_FILE names it does not know; pgctl rendered them into pgbackrest.conf
            "pgbackrest, false",
            "psql, false",
            "pg_ctl, false",
            // pgctl itself must render the same pgbackrest.conf as bootstrap: it needs every variable it was given
            "pgctl, true",
            "/usr/local/bin/pgctl, true",
    })
    void fileVariablesReachOnlyPgctl(String program, boolean kept) {
        Map<String, String> env = Proc.childEnv(BASE, List.of(program, "backup", "full"), Map.of("PGAPPNAME", "x"));
        assertEquals(kept, env.containsKey("PGBACKREST_REPO1_S3_KEY_SECRET_FILE"));
        assertEquals(kept, env.containsKey("PGBACKREST_REPO1_STORAGE_CA_FILE"));
        assertEquals("main", env.get("PGBACKREST_STANZA"));
        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals("x", env.get("PGAPPNAME"));
    }
}
