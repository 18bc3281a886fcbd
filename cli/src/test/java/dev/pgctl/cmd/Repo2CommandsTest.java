package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.failed;
import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.Proc;
import dev.pgctl.json.Json;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.problem.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands with a second repository (issue 19): each repository is checked and shown on its own. */
class Repo2CommandsTest {
    static final String AZ_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    @TempDir
    Path dir;
    Map<String, String> vars;

    static String resource(String name) throws IOException {
        try (InputStream in = Repo2CommandsTest.class.getResourceAsStream("/pgbackrest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() {
        vars = InProcess.vars(dir, "PGBACKREST_REPO2_TYPE", "azure", "PGBACKREST_REPO2_AZURE_ACCOUNT", "pgctltest",
                "PGBACKREST_REPO2_AZURE_CONTAINER", "backups", "PGBACKREST_REPO2_AZURE_KEY", AZ_KEY,
                "PGBACKREST_REPO2_AZURE_ENDPOINT", "azurite", "PGBACKREST_REPO2_AZURE_URI_STYLE", "path",
                "PGBACKREST_REPO2_STORAGE_PORT", "10000");
    }

    FakeProc cluster(String info) {
        return new FakeProc()
                .pgbackrest("info", ok(info))
                .pgbackrest("check", ok(""))
                .program("pg_isready", ok(""))
                .sql(CommandsInProcessTest.SYSTEM_ID_SQL, ok(CommandsInProcessTest.STANZA_ID + "\n"))
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .sql("select pg_walfile_name(pg_current_wal_lsn())", ok("00000001000000000000000B\n"));
    }

    @Test
    void checkNamesEachRepositoryAndPassesWhenBothAreRead() throws Exception {
        FakeProc proc = cluster(resource("info-two-repos.json"));
        InProcess.Run r = InProcess.run(vars, proc, "check");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("ok      repository repo1     s3://my-backups/pgbackrest at s3.example.com readable"),
                r.all());
        assertTrue(r.stdout().contains("ok      repository repo2     azure://pgctltest/backups/pgbackrest at azurite:10000 "
                + "readable"), r.all());
        // one info reads both; the archive round trip is pgBackRest's check, which checks every repository
        assertEquals(2, proc.commands("pgbackrest").size(), proc.commands("pgbackrest").toString());
        assertEquals(CommandsInProcessTest.pgbackrest("check"), proc.commands("pgbackrest").getLast());
        assertFalse(r.all().contains(AZ_KEY.substring(0, 12)), r.all());
    }

    @Test
    void checkFailsWithExit7NamingTheRepositoryThatIsDownAndItsOwnFix() throws Exception {
        FakeProc proc = cluster(resource("info-two-repos-repo1-down.json"))
                .pgbackrest("check", failed(82, "ERROR: [082]: repo1: unable to connect to 's3:9191'"));
        InProcess.Run r = InProcess.run(vars, proc, "check");
        assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("FAILED  repository repo1     s3://my-backups/pgbackrest at s3.example.com: "
                + "[HostConnectError] unable to connect"), r.all());
        assertTrue(r.stdout().contains("fix: S3 does not answer: check PGBACKREST_REPO1_S3_ENDPOINT"), r.all());
        assertTrue(r.stdout().contains("ok      repository repo2"), r.all());
    }

    @Test
    void checkOfAnAzureRepositoryThatRefusesTheKeyNamesTheAzureSettings() throws Exception {
        String info = resource("info-two-repos.json").replace(
                "{\"cipher\":\"none\",\"key\":2,\"status\":{\"code\":0,\"message\":\"ok\"}}",
                "{\"cipher\":\"none\",\"key\":2,\"status\":{\"code\":99,\"message\":\"[ProtocolError] HTTP request failed "
                        + "with 403 (Server failed to authenticate the request)\"}}");
        InProcess.Run r = InProcess.run(vars, cluster(info), "check");
        assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("FAILED  repository repo2"), r.all());
        assertTrue(r.stdout().contains("fix: Azure refused the credentials: check PGBACKREST_REPO2_AZURE_KEY"), r.all());
    }

    @Test
    void checkOfARepositoryWithoutTheStanzaSaysHowToCreateIt() throws Exception {
        String info = resource("info-two-repos.json").replace(
                "{\"cipher\":\"none\",\"key\":2,\"status\":{\"code\":0,\"message\":\"ok\"}}",
                "{\"cipher\":\"none\",\"key\":2,\"status\":{\"code\":1,\"message\":\"missing stanza path\"}}");
        InProcess.Run r = InProcess.run(vars, cluster(info), "check");
        assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("FAILED  repository repo2     azure://pgctltest/backups/pgbackrest at azurite:10000 "
                + "has no stanza 'main'"), r.all());
    }

    @Test
    void withOneRepositoryCheckIsAsBefore() throws Exception {
        FakeProc proc = cluster(resource("info-ok.json"));
        InProcess.Run r = InProcess.run(InProcess.vars(dir), proc, "check");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("ok      repository bucket    s3://my-backups/pgbackrest readable"), r.all());
        assertFalse(r.stdout().contains("repo1"), r.all());
    }

    @Test
    void statusShowsEachRepositoryOnItsOwnLineAndWarnsNamingTheOneThatIsDown() throws Exception {
        FakeProc proc = new FakeProc().pgbackrest("info", ok(resource("info-two-repos-repo1-down.json")));
        InProcess.Run r = InProcess.run(vars, proc, "status");
        assertTrue(r.stdout().contains("repository       stanza main in 2 repositories: not all reachable"), r.all());
        assertTrue(r.stdout().contains("  repo1          s3://my-backups/pgbackrest at s3.example.com: unreachable "
                + "([HostConnectError] unable to connect to 's3:9191 (172.18.0.2)': [111] Connection refused)"), r.all());
        assertTrue(r.stdout().contains("  repo2          azure://pgctltest/backups/pgbackrest at azurite:10000: reachable, "
                + "1 backup(s), newest WAL 000000010000000000000009"), r.all());
        assertTrue(r.stdout().contains("    latest full  20261202-181500F"), r.all());
        assertTrue(r.stdout().contains("the repository cannot be read: repo1 (s3://my-backups/pgbackrest at s3.example.com): "
                + "[HostConnectError]"), r.all());
        assertTrue(r.stdout().contains("WAL still goes to repo2, which is readable"), r.all());
        // one pgbackrest info for the whole status
        assertEquals(1, proc.commands("pgbackrest").size(), proc.commands("pgbackrest").toString());
    }

    @Test
    void statusJsonHasOneEntryPerRepository() throws Exception {
        FakeProc proc = new FakeProc().pgbackrest("info", ok(resource("info-two-repos.json")));
        InProcess.Run r = InProcess.run(vars, proc, "status", "--json");
        var root = Json.MAPPER.readTree(r.stdout());
        var repos = root.path("repository").path("repos");
        assertEquals(2, repos.size(), r.stdout());
        assertEquals(1, repos.get(0).path("repo").asInt());
        assertTrue(repos.get(0).path("reachable").asBoolean());
        assertEquals(2, repos.get(0).path("backupCount").asInt());
        assertEquals("00000001000000000000000A", repos.get(0).path("newestWal").asText());
        assertEquals(List.of("full"), List.of(repos.get(1).path("latest").get(0).path("type").asText()));
        assertTrue(root.path("repository").path("reachable").asBoolean(), r.stdout());
    }

    @Test
    void backupsListsEachRepositoryWithItsOwnRetention() throws Exception {
        vars.put("PGBACKREST_REPO2_RETENTION_FULL", "4");
        FakeProc proc = new FakeProc().pgbackrest("info", ok(resource("info-two-repos.json")));
        InProcess.Run r = InProcess.run(vars, proc, "backups");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().startsWith("repo1 s3://my-backups/pgbackrest at s3.example.com, stanza main: 2 backups\n"), r.all());
        assertTrue(r.stdout().contains("\nrepo2 azure://pgctltest/backups/pgbackrest at azurite:10000, stanza main: 1 backup\n"),
                r.all());
        assertTrue(r.stdout().contains("retention        full 2\n"), r.all());
        assertTrue(r.stdout().contains("retention        full 4\n"), r.all());
        int two = r.stdout().indexOf("\nrepo2 ");
        assertTrue(r.stdout().indexOf("20261202-181500F") > two, "repo2's backup is listed under repo2: " + r.all());
        assertTrue(r.stdout().indexOf("20261202-181400F_20261202-183000I") < two, r.all());
    }

    @Test
    void backupsListsTheRepositoryThatCanBeReadAndExits1ForTheOther() throws Exception {
        FakeProc proc = new FakeProc().pgbackrest("info", ok(resource("info-two-repos-repo1-down.json")));
        InProcess.Run r = InProcess.run(vars, proc, "backups", "--json");
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
        var repos = Json.MAPPER.readTree(r.stdout()).path("repos");
        assertEquals(2, repos.size(), r.stdout());
        assertTrue(repos.get(0).path("error").asText().contains("Connection refused"), r.stdout());
        assertTrue(repos.get(0).path("fix").asText().contains("PGBACKREST_REPO1_S3_ENDPOINT"), r.stdout());
        assertEquals("20261202-181500F", repos.get(1).path("report").path("backups").get(0).path("label").asText(), r.stdout());
    }

    @Test
    void backupRepo2PassesTheRepositoryToPgBackRest() throws Exception {
        FakeProc proc = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(resource("info-two-repos.json")))
                .pgbackrest("backup", ok("P00   INFO: new backup label = 20261202-190000F_20261202-191500D\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "diff", "--repo", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(CommandsInProcessTest.pgbackrest("backup", "--type=diff", "--repo=2"),
                proc.commands("pgbackrest").stream().filter(a -> a.contains("backup")).findFirst().orElseThrow());
        assertTrue(r.all().contains("diff backup to repo2 done"), r.all());
    }

    @Test
    void backupWithoutRepoGoesToRepo1AsPgBackRestDoes() throws Exception {
        FakeProc proc = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(resource("info-two-repos.json")))
                .pgbackrest("backup", ok("P00   INFO: new backup label = 20261202-190000F\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "full");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(CommandsInProcessTest.pgbackrest("backup", "--type=full"),
                proc.commands("pgbackrest").stream().filter(a -> a.contains("backup")).findFirst().orElseThrow());
    }

    @Test
    void aRepositoryThatIsNotConfiguredIsAUsageErrorWithTheFix() throws Exception {
        FakeProc proc = new FakeProc().sql("select pg_is_in_recovery()", ok("f\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "full", "--repo", "3");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("--repo 3: is not 1 or 2"), r.all());
        InProcess.Run one = InProcess.run(InProcess.vars(dir), proc, "backup", "full", "--repo", "2");
        assertEquals(ExitCodes.USAGE, one.exitCode(), one.all());
        assertTrue(one.stderr().contains("there is no repository 2: only one repository is configured"), one.all());
        assertTrue(one.stderr().contains("PGBACKREST_REPO2_TYPE"), one.all());
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }

    @Test
    void theStanzaIsCreatedWhenTheSecondRepositoryHasNone() throws Exception {
        String info = resource("info-two-repos.json").replace(
                "{\"cipher\":\"none\",\"key\":2,\"status\":{\"code\":0,\"message\":\"ok\"}}",
                "{\"cipher\":\"none\",\"key\":2,\"status\":{\"code\":1,\"message\":\"missing stanza path\"}}");
        FakeProc proc = new FakeProc()
                .sql("select pg_is_in_recovery()", ok("f\n"))
                .pgbackrest("info", ok(info))
                .pgbackrest("stanza-create", ok(""))
                .pgbackrest("backup", ok("P00   INFO: new backup label = 20261202-190000F\n"));
        InProcess.Run r = InProcess.run(vars, proc, "backup", "full", "--repo", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(proc.commands("pgbackrest").contains(CommandsInProcessTest.pgbackrest("stanza-create")),
                proc.commands("pgbackrest").toString());
    }

    static PgBackRest.Infos infos(String json, List<Integer> repos) {
        return PgBackRest.infos(new Proc.Result(0, json, "", false), "main", repos);
    }

    @Test
    void theFirstFullBackupGoesToEachRepositoryThatHoldsNone() throws Exception {
        String both = resource("info-two-repos.json");
        String repo1Only = both.replace("\"repo-key\":2},\"error\"", "\"repo-key\":1},\"error\"");
        String empty = resource("info-missing-stanza.json").replace("nostanza", "main");
        String repo1Down = resource("info-two-repos-repo1-down.json");
        assertEquals(List.of(), AfterStartCommand.firstFullTargets(List.of(1, 2), infos(both, List.of(1, 2))));
        assertEquals(List.of(2), AfterStartCommand.firstFullTargets(List.of(1, 2), infos(repo1Only, List.of(1, 2))));
        assertEquals(List.of(1, 2), AfterStartCommand.firstFullTargets(List.of(1, 2), infos(empty, List.of(1, 2))));
        assertEquals(List.of(1), AfterStartCommand.firstFullTargets(List.of(1, 2), infos(repo1Down, List.of(1, 2))));
        // one repository: as before, it unless it holds backups
        assertEquals(List.of(), AfterStartCommand.firstFullTargets(List.of(1), infos(resource("info-ok.json"), List.of(1))));
        assertEquals(List.of(1), AfterStartCommand.firstFullTargets(List.of(1), infos(empty, List.of(1))));
    }

    @Test
    void pgBackRestForOneRepositoryReadsItAloneAndRestoresFromIt() throws Exception {
        Config c = new ConfigLoader(new Env(vars, p -> ""), 2).load();
        FakeProc proc = new FakeProc().pgbackrest("info", ok(resource("info-two-repos.json"))).pgbackrest("restore", ok(""));
        PgBackRest two = new PgBackRest(c, proc, new ConfFile(c, InProcess.rendered(c))).forRepo(2);
        var info = two.info().info().orElseThrow();
        assertEquals(List.of("20261202-181500F"), info.backups().stream().map(b -> b.label()).toList());
        two.restore(List.of("--pg1-path=/tmp/drill"), line -> { });
        assertEquals(CommandsInProcessTest.pgbackrest("restore", "--pg1-path=/tmp/drill", "--repo=2"),
                proc.commands("pgbackrest").getLast());
        // not pinned: every repository, and no --repo
        new PgBackRest(c, proc, new ConfFile(c, InProcess.rendered(c))).restore(List.of("--pg1-path=/tmp/drill"), line -> { });
        assertEquals(CommandsInProcessTest.pgbackrest("restore", "--pg1-path=/tmp/drill"), proc.commands("pgbackrest").getLast());
        assertEquals(3, new PgBackRest(c, proc, new ConfFile(c, InProcess.rendered(c))).info().info().orElseThrow().backups().size());
    }

    @Test
    void drillOfARepositoryThatIsNotConfiguredIsAUsageError() throws Exception {
        FakeProc proc = new FakeProc();
        InProcess.Run r = InProcess.run(InProcess.vars(dir), proc, "drill", "--repo", "2");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("--repo 2: there is no repository 2: only one repository is configured"), r.all());
        assertEquals(List.of(), proc.commands("pgbackrest"));
    }
}
