package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.failed;
import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.json.Json;
import dev.pgctl.notify.Receiver;
import dev.pgctl.pgbackrest.BackupRecord;
import dev.pgctl.problem.ExitCodes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups record their outcome and beat the heartbeat; pgctl notify sends what is due; none of it prints a URL.
 * Against a receiver on localhost.
 */
class NotifyInProcessTest {
    static final String TOKEN = "T0KEN-7f3e9a";

    @TempDir
    Path dir;
    String infoOk;

    @BeforeEach
    void setUp() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-ok.json")) {
            infoOk = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    FakeProc backup(boolean succeeds) {
        return new FakeProc().sql("select pg_is_in_recovery()", ok("f\n")).pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", succeeds ? ok("P00   INFO: new backup label = 20261122-030000F\n")
                        : failed(41, "ERROR: [041]: unable to connect to 's3:9191': connection refused"));
    }

    @Test
    void aFailedBackupIsRecordedAndTheNextSuccessSupersedesIt() throws Exception {
        Map<String, String> vars = InProcess.vars(dir);
        InProcess.Run r = InProcess.run(vars, backup(false), "backup", "full");
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
        List<BackupRecord.Failure> failures = BackupRecord.read(dir.resolve("run")).failures();
        assertEquals(1, failures.size());
        assertEquals("full", failures.get(0).type());
        assertFalse(failures.get(0).scheduled());
        assertEquals("pgBackRest exit 41: [041]: unable to connect to 's3:9191': connection refused", failures.get(0).reason());

        r = InProcess.run(vars, backup(true), "backup", "incr", "--scheduled");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(List.of("full"), BackupRecord.read(dir.resolve("run")).failures().stream().map(BackupRecord.Failure::type).toList(),
                "an incr does not make up for a failed full");
        r = InProcess.run(vars, backup(true), "backup", "full");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(List.of(), BackupRecord.read(dir.resolve("run")).failures());
    }

    @Test
    void aSuccessfulBackupBeatsTheHeartbeat() throws Exception {
        try (Receiver rx = new Receiver()) {
            Map<String, String> vars = InProcess.vars(dir, "PGCTL_NOTIFY_HEARTBEAT_URL", rx.url("/ping/" + TOKEN));
            InProcess.Run r = InProcess.run(vars, backup(true), "backup", "full");
            assertEquals(ExitCodes.OK, r.exitCode(), r.all());
            assertEquals(List.of(new Receiver.Request("GET", "/ping/" + TOKEN, "")), rx.requests());
            assertTrue(r.stdout().contains("heartbeat sent (HTTP 200)"), r.all());
            assertFalse(r.all().contains(TOKEN), r.all());

            r = InProcess.run(vars, backup(false), "backup", "full");
            assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
            assertEquals(1, rx.requests().size(), "no heartbeat after a failed backup");
        }
    }

    @Test
    void aFailingHeartbeatIsAWarningNeverAFailedBackup() throws Exception {
        try (Receiver rx = new Receiver().answering(500)) {
            Map<String, String> vars = InProcess.vars(dir, "PGCTL_NOTIFY_HEARTBEAT_URL", rx.url("/ping/" + TOKEN));
            InProcess.Run r = InProcess.run(vars, backup(true), "backup", "full");
            assertEquals(ExitCodes.OK, r.exitCode(), r.all());
            assertTrue(r.stderr().contains("PGCTL_NOTIFY_HEARTBEAT_URL: the heartbeat after the backup failed: HTTP 500 after 2 attempts"),
                    r.all());
            assertFalse(r.all().contains(TOKEN), r.all());
            assertEquals(List.of(), BackupRecord.read(dir.resolve("run")).failures());
        }
    }

    @Test
    void notifyTestSendsATestAlertAndAHeartbeat() throws Exception {
        try (Receiver rx = new Receiver()) {
            Map<String, String> vars = InProcess.vars(dir, "PGCTL_NOTIFY_URL", rx.url("/hook/" + TOKEN),
                    "PGCTL_NOTIFY_HEARTBEAT_URL", rx.url("/ping/" + TOKEN));
            InProcess.Run r = InProcess.run(vars, new FakeProc(), "notify", "test");
            assertEquals(ExitCodes.OK, r.exitCode(), r.all());
            assertEquals(List.of("POST /hook/" + TOKEN, "GET /ping/" + TOKEN),
                    rx.requests().stream().map(q -> q.method() + " " + q.path()).toList());
            JsonNode j = Json.MAPPER.readTree(rx.requests().get(0).body());
            assertEquals("test", j.get("condition").asText());
            assertEquals("main", j.get("stanza").asText());
            assertTrue(r.stdout().contains("PGCTL_NOTIFY_URL: test alert delivered (HTTP 200)"), r.all());
            assertTrue(r.stdout().contains("PGCTL_NOTIFY_HEARTBEAT_URL: heartbeat delivered (HTTP 200)"), r.all());
            assertFalse(r.all().contains(TOKEN) || r.all().contains("127.0.0.1"), r.all());
        }
    }

    @Test
    void notifyTestExits1WhenTheWebhookFails() throws Exception {
        try (Receiver rx = new Receiver().answering(403)) {
            Map<String, String> vars = InProcess.vars(dir, "PGCTL_NOTIFY_URL", rx.url("/hook/" + TOKEN));
            InProcess.Run r = InProcess.run(vars, new FakeProc(), "notify", "test");
            assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
            assertTrue(r.stderr().contains("PGCTL_NOTIFY_URL: test alert not delivered: HTTP 403"), r.all());
            assertFalse(r.all().contains(TOKEN), r.all());
        }
    }

    @Test
    void notifyWithoutAnyUrlExits3NamingTheVariables() throws Exception {
        for (String[] args : List.of(new String[] {"notify", "test"}, new String[] {"notify", "--once"})) {
            InProcess.Run r = InProcess.run(InProcess.vars(dir), new FakeProc(), args);
            assertEquals(ExitCodes.CONFIG, r.exitCode(), r.all());
            assertTrue(r.stderr().contains("PGCTL_NOTIFY_URL: is not set, nor PGCTL_NOTIFY_HEARTBEAT_URL"), r.all());
        }
    }

    @Test
    void notifyOnceSendsAFailedBackupOnceThenItsResolution() throws Exception {
        try (Receiver rx = new Receiver()) {
            Map<String, String> vars = InProcess.vars(dir, "PGCTL_NOTIFY_URL", rx.url("/hook/" + TOKEN));
            InProcess.run(vars, backup(false), "backup", "full", "--label", "x");
            FakeProc status = new FakeProc().pgbackrest("info", ok(infoOk));
            InProcess.Run r = InProcess.run(vars, status, "notify", "--once");
            assertTrue(r.stdout().contains("WARNING backup_failed: the full backup failed at "), r.all());
            assertEquals(List.of("firing"), sent(rx, "backup_failed"));
            JsonNode j = Json.MAPPER.readTree(rx.requests().stream().filter(q -> q.body().contains("backup_failed")).findFirst().get().body());
            assertTrue(j.get("message").asText().endsWith("pgBackRest exit 41: [041]: unable to connect to 's3:9191': connection refused"),
                    j.toString());
            InProcess.run(vars, status, "notify", "--once");
            assertEquals(List.of("firing"), sent(rx, "backup_failed"), "sent once, not at every evaluation");

            InProcess.run(vars, backup(true), "backup", "full");
            InProcess.run(vars, status, "notify", "--once");
            assertEquals(List.of("firing", "resolved"), sent(rx, "backup_failed"));
            assertFalse(r.all().contains(TOKEN), r.all());
        }
    }

    static List<String> sent(Receiver rx, String condition) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (Receiver.Request q : rx.requests()) {
            JsonNode j = Json.MAPPER.readTree(q.body());
            if (j.get("condition").asText().equals(condition)) {
                out.add(j.get("status").asText());
            }
        }
        return out;
    }
}
