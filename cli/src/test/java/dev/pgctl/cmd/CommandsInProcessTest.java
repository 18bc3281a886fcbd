package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.failed;
import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.problem.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run in-process through pgctl's picocli model on a Config of the test's and a fake process runner:
 * the exact pgBackRest command lines they issue (or that they issue none), what they say, and their exit code.
 */
class CommandsInProcessTest {
    /** The system id of the stanza in info-ok.json (captured from pgBackRest 2.60). */
    static final String STANZA_ID = "7710822329559109723";
    static final String OTHER_ID = "7440000000000000001";
    static final String SYSTEM_ID_SQL = "select system_identifier from pg_control_system()";
    static final List<String> PGBACKREST = List.of("pgbackrest", "--config=/etc/pgbackrest/pgbackrest.conf", "--stanza=main");

    @TempDir
    Path dir;
    Map<String, String> vars;
    String infoOk;

    @BeforeEach
    void setUp() throws IOException {
        vars = InProcess.vars(dir);
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-ok.json")) {
            infoOk = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> pgbackrest(String... args) {
        return Stream.concat(PGBACKREST.stream(), Arrays.stream(args)).toList();
    }

    @Test
    void backupOnAStandbyExits5WithoutRunningPgBackRest() throws Exception {
        FakeProc proc = new FakeProc().sql("select pg_is_in_recovery()", ok("t\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "full");
        assertEquals(ExitCodes.STANDBY, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("PGCTL_ROLE: this node is a standby: backups are taken on the primary"), r.all());
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }

    @Test
    void scheduledBackupOnAStandbyIsSkippedWithExit0() throws Exception {
        FakeProc proc = new FakeProc().sql("select pg_is_in_recovery()", ok("t\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "incr", "--scheduled");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("skipped: this node is a standby"), r.all());
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }

    @Test
    void backupFullIssuesInfoThenTheLabelledFullBackup() throws Exception {
        FakeProc proc = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", ok("P00   INFO: backup command begin 2.60.0\nP00   INFO: new backup label = 20261122-030000F\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "full", "--label", "before-upgrade");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(List.of(
                pgbackrest("info", "--output=json", "--log-level-console=off", "--log-level-stderr=error"),
                pgbackrest("backup", "--type=full", "--annotation=pgctl-label=before-upgrade")), proc.commands("pgbackrest"));
        assertTrue(r.stdout().contains("full backup done in "), r.all());
        assertTrue(r.stdout().contains("pgbackrest: P00   INFO: new backup label = 20261122-030000F"), r.all());
    }

    @Test
    void backupNoWaitExits8WhenAnotherBackupHoldsTheLock() throws Exception {
        FakeProc proc = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", failed(50, "ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/main-backup.lock'"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "diff", "--no-wait");
        assertEquals(ExitCodes.BUSY, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("another backup is running"), r.all());
        assertEquals(1, proc.commands("pgbackrest").stream().filter(c -> c.contains("backup")).count(), "tried once");
    }

    @Test
    void aFailedBackupIsRecordedPerTypeInTheRunDirectoryAndASuccessfulOneOnlyAsEnded() throws Exception {
        Path run = dir.resolve("run");
        FakeProc failing = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", failed(41, "ERROR: [041]: unable to open file"));
        java.time.Instant before = java.time.Instant.now();
        assertEquals(ExitCodes.FAILED, InProcess.run(vars, failing, "backup", "diff").exitCode());
        BackupRecord afterFailure = BackupRecord.read(run);
        assertEquals(List.of("diff"), List.copyOf(afterFailure.failures().keySet()));
        assertTrue(!afterFailure.failures().get("diff").isBefore(before));
        assertEquals(afterFailure.lastEndedAt(), java.util.Optional.of(afterFailure.failures().get("diff")));

        FakeProc working = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", ok("P00   INFO: new backup label = 20261122-030000F\n"));
        assertEquals(ExitCodes.OK, InProcess.run(vars, working, "backup", "full").exitCode());
        BackupRecord afterSuccess = BackupRecord.read(run);
        assertEquals(afterFailure.failures(), afterSuccess.failures(), "a success keeps the last failure of each type");
        assertTrue(afterSuccess.lastEndedAt().get().isAfter(afterFailure.lastEndedAt().get())
                || afterSuccess.lastEndedAt().equals(afterFailure.lastEndedAt()));
        assertTrue(Files.exists(run.resolve(BackupRecord.FILE)));
    }

    @Test
    void metricsPrintsTheRepositoryAndTheRecordedFailureWithoutASecretOrAnAddress() throws Exception {
        BackupRecord.ended(dir.resolve("run"), "incr", true, java.time.Instant.parse("2026-11-22T01:30:00Z"));
        FakeProc proc = new FakeProc()
                .pgbackrest("info", ok(infoOk))
                .program("pgbackrest", ok("pgBackRest 2.60.0\n"));
        InProcess.Run r = InProcess.run(vars, proc, "metrics");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("# TYPE pgctl_backup_last_success_timestamp_seconds gauge"), r.stdout());
        assertTrue(r.stdout().contains("pgctl_backup_last_success_timestamp_seconds{type=\"full\"} "), r.stdout());
        assertTrue(r.stdout().contains("pgctl_backup_last_failure_timestamp_seconds{type=\"incr\"} 1.795311E9"), r.stdout());
        assertTrue(r.stdout().contains("pgctl_repository_reachable{repo=\"1\"} 1.0"), r.stdout());
        assertTrue(r.stdout().contains("pgbackrest_version=\"2.60.0\""), r.stdout());
        assertTrue(r.stdout().contains("pgctl_postgres_up 0.0"), r.stdout());
        for (String never : List.of("top-secret", "AKIA", "my-backups", "s3.example.com")) {
            assertTrue(!r.stdout().contains(never), "metrics show " + never);
        }
    }

    @Test
    void busyBackupIsNotRecordedAsFailed() throws Exception {
        FakeProc proc = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(infoOk))
                .pgbackrest("backup", failed(50, "ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/main-backup.lock'"));
        assertEquals(ExitCodes.BUSY, InProcess.run(vars, proc, "backup", "diff", "--no-wait").exitCode());
        assertEquals(java.util.Map.of(), BackupRecord.read(dir.resolve("run")).failures());
    }

    @Test
    void checkReportsAStanzaOfAnotherClusterAndRunsNoArchiveCheck() throws Exception {
        FakeProc proc = new FakeProc()
                .pgbackrest("info", ok(infoOk))
                .program("pg_isready", ok(""))
                .sql(SYSTEM_ID_SQL, ok(OTHER_ID + "\n"));
        InProcess.Run r = InProcess.run(vars, proc, "check");
        assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("FAILED  cluster              the stanza belongs to another cluster (system id "
                + STANZA_ID + "; this cluster is " + OTHER_ID + ")"), r.all());
        assertTrue(r.stdout().contains("fix: give this cluster its own place: another PGBACKREST_REPO1_PATH or PGBACKREST_STANZA"), r.all());
        assertEquals(List.of(pgbackrest("info", "--output=json", "--log-level-console=off", "--log-level-stderr=error")),
                proc.commands("pgbackrest"));
    }

    @Test
    void checkOfTheStanzasOwnClusterRunsTheArchiveRoundTrip() throws Exception {
        FakeProc proc = new FakeProc()
                .pgbackrest("info", ok(infoOk))
                .pgbackrest("check", ok(""))
                .program("pg_isready", ok(""))
                .sql(SYSTEM_ID_SQL, ok(STANZA_ID + "\n"))
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .sql("select pg_walfile_name(pg_current_wal_lsn())", ok("000000010000000000000006\n"));
        InProcess.Run r = InProcess.run(vars, proc, "check", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().startsWith("{") && r.stdout().contains("\"ok\" : true"), r.all());
        assertEquals(pgbackrest("check"), proc.commands("pgbackrest").getLast());
    }

    @Test
    void enableBackupsRefusesAStanzaOfAnotherClusterWithExit4AndChangesNothing() throws Exception {
        Path marker = DataDir.backupsPendingMarker(dir.resolve("pgdata"));
        Files.writeString(marker, "pending\n");
        FakeProc proc = new FakeProc()
                .pgbackrest("info", ok(infoOk))
                .program("pg_isready", ok(""))
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .sql(SYSTEM_ID_SQL, ok(OTHER_ID + "\n"));
        InProcess.Run r = InProcess.run(vars, proc, "enable-backups");
        assertEquals(ExitCodes.UNSAFE, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("PGBACKREST_STANZA: the repository already holds stanza 'main' of another cluster "
                + "(system id " + STANZA_ID + "; this cluster is " + OTHER_ID + ")"), r.all());
        assertTrue(r.stderr().contains("PGBACKREST_STANZA=main-674030   (another stanza in the same bucket and path), or"), r.all());
        assertEquals(List.of(pgbackrest("info", "--output=json", "--log-level-console=off", "--log-level-stderr=error")),
                proc.commands("pgbackrest"));
        assertTrue(Files.exists(marker), "backups stay pending");
    }

    @Test
    void replicaWithoutASubcommandRunsTheStatusThroughTheSameContext() throws Exception {
        FakeProc proc = new FakeProc();
        InProcess.Run r = InProcess.run(vars, proc, "replica");
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("postgresql: does not answer on /var/run/postgresql"), r.all());
        assertTrue(proc.commands().stream().anyMatch(c -> c.get(0).equals("psql")), "asked the server through the fake");
    }
}
