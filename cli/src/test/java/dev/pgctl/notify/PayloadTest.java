package dev.pgctl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert body: stable field names, a text for Slack and Mattermost, and never a secret or the URL. */
class PayloadTest {
    static final String TOKEN = "T0KEN-in-the-path-7f3e9a";
    static final String QUERY_TOKEN = "q-secret-1b2c3d";
    static final Map<String, String> SECRETS = Map.of(
            "PGBACKREST_REPO1_S3_KEY", "AKIA-key-id-42",
            "PGBACKREST_REPO1_S3_KEY_SECRET", "s3-secret-value-99",
            "PGBACKREST_REPO1_CIPHER_PASS", "cipher-pass-value-77",
            "PGCTL_REPLICATION_PASSWORD", "replication-pw-55",
            "PGCTL_NOTIFY_URL", "https://hooks.example.com/services/" + TOKEN + "?key=" + QUERY_TOKEN,
            "PGCTL_NOTIFY_HEARTBEAT_URL", "https://hc-ping.example.com/beat-uuid-1234abcd");

    static Config config() throws ConfigLoader.InvalidConfig {
        Map<String, String> vars = new java.util.HashMap<>(SECRETS);
        vars.put("PGBACKREST_REPO1_S3_BUCKET", "my-backups");
        vars.put("PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com");
        return new ConfigLoader(new Env(vars, p -> { throw new IOException("no files: " + p); }), 2).load();
    }

    /** Every secret value, and the pieces of the URLs that are tokens. */
    static List<String> secrets() {
        List<String> all = new ArrayList<>(SECRETS.values());
        all.addAll(List.of(TOKEN, QUERY_TOKEN, "beat-uuid-1234abcd"));
        return all;
    }

    @Test
    void aPayloadFromAConfigWithSecretsHoldsNone() throws Exception {
        Config c = config();
        // a message that quotes secrets, as a tool's error line might
        Condition leaky = new Condition(Condition.Id.BACKUP_FAILED, Condition.Severity.WARNING,
                "the full backup failed: " + String.join(" ", secrets()), "retry with " + SECRETS.get("PGCTL_NOTIFY_URL"));
        Alerts.Event e = new Alerts.Event(Alerts.Status.FIRING, leaky, Instant.parse("2026-11-24T10:00:00Z"), false);
        for (String json : List.of(Payload.of(e, c.stanza(), "db-1", Instant.parse("2026-11-24T10:00:05Z"), Redactor.of(c)).json(),
                Payload.test(c.stanza(), "db-1", Instant.now(), Redactor.of(c)).json())) {
            for (String secret : secrets()) {
                assertFalse(json.contains(secret), "the payload holds a secret (" + secret.length() + " characters)");
            }
            assertFalse(json.contains("hooks.example.com"), json);
        }
    }

    @Test
    void theFieldsAndTheText() throws Exception {
        Condition c = new Condition(Condition.Id.WAL_ARCHIVING_STALLED, Condition.Severity.CRITICAL,
                "WAL archiving is stalled", "docker exec <container> pgctl check");
        Alerts.Event e = new Alerts.Event(Alerts.Status.FIRING, c, Instant.parse("2026-11-24T10:00:00.123Z"), false);
        JsonNode j = Json.MAPPER.readTree(Payload.of(e, "main", "3f2a9c1b", Instant.parse("2026-11-24T10:02:00.456Z"),
                new Redactor(List.of())).json());
        assertEquals(List.of("condition", "status", "severity", "stanza", "host", "message", "fix", "since", "time",
                "repeat", "text"), iterate(j));
        assertEquals("wal_archiving_stalled", j.get("condition").asText());
        assertEquals("firing", j.get("status").asText());
        assertEquals("critical", j.get("severity").asText());
        assertEquals("2026-11-24T10:00:00Z", j.get("since").asText());
        assertEquals("2026-11-24T10:02:00Z", j.get("time").asText());
        assertEquals("[FIRING critical] wal_archiving_stalled on 3f2a9c1b (stanza main): WAL archiving is stalled\n"
                + "fix: docker exec <container> pgctl check", j.get("text").asText());
        Alerts.Event resolved = new Alerts.Event(Alerts.Status.RESOLVED, c, Instant.parse("2026-11-24T10:00:00Z"), false);
        assertEquals("[RESOLVED] wal_archiving_stalled on 3f2a9c1b (stanza main): resolved: WAL archiving is stalled",
                Payload.of(resolved, "main", "3f2a9c1b", Instant.now(), new Redactor(List.of())).text());
    }

    @Test
    void controlCharactersInAMessageAreShownAsEscapes() {
        Condition c = new Condition(Condition.Id.BACKUP_FAILED, Condition.Severity.WARNING, "a\u001b[31mred\rline", "fix");
        Payload p = Payload.of(new Alerts.Event(Alerts.Status.FIRING, c, Instant.now(), false), "main", "h", Instant.now(),
                new Redactor(List.of()));
        assertTrue(p.message().indexOf('\u001b') < 0 && p.message().indexOf('\r') < 0, p.message());
    }

    private static List<String> iterate(JsonNode j) {
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
