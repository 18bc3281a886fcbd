package dev.pgctl.cmd;

import static dev.pgctl.exec.FakeProc.failed;
import static dev.pgctl.exec.FakeProc.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.json.Json;
import dev.pgctl.problem.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgctl prune in-process: the verdicts it shows, the expire calls it makes, and what exit 0 needs. */
class PruneInProcessTest {
    static final String IN_RECOVERY = "select pg_is_in_recovery()";

    @TempDir
    Path dir;
    ObjectNode template;
    /** Three fulls today (policy daily=1 keeps the first and the newest), an incr after the first. */
    final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    String first;
    String incr;
    String second;
    String newest;

    @BeforeEach
    void setUp() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/pgbackrest/info-ok.json")) {
            template = (ObjectNode) ((ArrayNode) Json.MAPPER.readTree(in)).get(0);
        }
        first = label(today.plusSeconds(60), "F");
        incr = label(today.plusSeconds(120), "I");
        second = label(today.plusSeconds(180), "F");
        newest = label(today.plusSeconds(240), "F");
    }

    static String label(Instant t, String suffix) {
        return t.toString().substring(0, 10).replace("-", "") + "-" + t.toString().substring(11, 19).replace(":", "")
                + suffix;
    }

    String info(String... labels) throws IOException {
        ObjectNode stanza = template.deepCopy();
        ArrayNode backups = stanza.putArray("backup");
        JsonNode one = template.get("backup").get(0);
        for (String l : labels) {
            ObjectNode b = one.deepCopy();
            b.put("label", l);
            b.put("type", l.endsWith("F") ? "full" : "incr");
            long start = Instant.parse(l.substring(0, 4) + "-" + l.substring(4, 6) + "-" + l.substring(6, 8) + "T"
                    + l.substring(9, 11) + ":" + l.substring(11, 13) + ":" + l.substring(13, 15) + "Z").getEpochSecond();
            ((ObjectNode) b.get("timestamp")).put("start", start).put("stop", start + 10);
            backups.add(b);
        }
        return Json.MAPPER.writeValueAsString(Json.MAPPER.createArrayNode().add(stanza));
    }

    /** info answers {@code before} once, then {@code after}. */
    FakeProc proc(String before, String after) {
        AtomicInteger infos = new AtomicInteger();
        return new FakeProc().sql(IN_RECOVERY, ok("f\n"))
                .answer(argv -> argv.get(0).equals("pgbackrest") && argv.contains("info")
                        && infos.getAndIncrement() == 0, ok(before))
                .pgbackrest("info", ok(after));
    }

    List<List<String>> expires(FakeProc p) {
        return p.commands("pgbackrest").stream().filter(a -> a.contains("expire")).map(a -> a.subList(3, a.size())).toList();
    }

    Map<String, String> vars(String... more) {
        List<String> kv = new ArrayList<>(List.of("PGCTL_RETENTION", "daily=1"));
        kv.addAll(List.of(more));
        return InProcess.vars(dir, kv.toArray(String[]::new));
    }

    @Test
    void aDryRunShowsEachVerdictAndExpiresNothing() throws Exception {
        FakeProc p = proc(info(first, incr, second, newest), info(first, incr, second, newest));
        InProcess.Run r = InProcess.run(vars(), p, "prune", "--dry-run");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("retention daily=1 (PGCTL_RETENTION)"), r.all());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith(first) && l.contains("keep    daily ")), r.all());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith(second) && l.contains("expire  no rule keeps it")), r.all());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith(incr) && l.contains("expire  before the newest full")), r.all());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith(newest) && l.contains("the newest full backup (always kept)")), r.all());
        assertTrue(r.stdout().contains("dry run: would expire 2 backups"), r.all());
        assertEquals(List.of(), expires(p));
    }

    @Test
    void inJsonEachVerdictHasItsLabelTypeStartReasonsAndUntil() throws Exception {
        FakeProc p = proc(info(first, incr, second, newest), info(first, incr, second, newest));
        InProcess.Run r = InProcess.run(vars(), p, "prune", "--dry-run", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        JsonNode n = Json.MAPPER.readTree(r.stdout());
        assertEquals("daily=1", n.get("policy").asText());
        assertTrue(n.get("dryRun").asBoolean());
        JsonNode v = n.get("verdicts").get(2);
        assertEquals(second, v.get("label").asText());
        assertEquals("full", v.get("type").asText());
        assertEquals(false, v.get("keep").asBoolean());
        assertEquals("no rule keeps it", v.get("reasons").get(0).asText());
        assertTrue(v.get("started").asText().endsWith("Z"), v.toString());
        assertTrue(n.get("verdicts").get(0).get("until").asText().matches("\\d{4}-\\d{2}-\\d{2}"), n.toString());
        assertEquals(0, n.get("expired").size());
    }

    @Test
    void pruneExpiresNewestFirstAndProvesItWithASecondRead() throws Exception {
        FakeProc p = proc(info(first, incr, second, newest), info(first, newest)).pgbackrest("expire", ok(""));
        InProcess.Run r = InProcess.run(vars(), p, "prune");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(List.of(List.of("expire", "--set=" + second), List.of("expire", "--set=" + incr)), expires(p));
        assertTrue(r.stdout().contains("expired " + second + ", " + incr), r.all());
        assertEquals(2, p.commands("pgbackrest").stream().filter(a -> a.contains("info")).count(), "read again after");
    }

    @Test
    void withASecondRepositoryPruneExpiresInRepo1Only() throws Exception {
        FakeProc p = proc(info(first, incr, second, newest), info(first, newest)).pgbackrest("expire", ok(""));
        InProcess.Run r = InProcess.run(vars("PGBACKREST_REPO2_TYPE", "posix", "PGBACKREST_REPO2_PATH", "/mnt/repo2"),
                p, "prune");
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(List.of(List.of("expire", "--repo=1", "--set=" + second), List.of("expire", "--repo=1", "--set=" + incr)),
                expires(p));
    }

    @Test
    void aBackupStillListedAfterItsExpireIsAFailure() throws Exception {
        FakeProc p = proc(info(first, second, newest), info(first, second, newest)).pgbackrest("expire", ok(""));
        InProcess.Run r = InProcess.run(vars(), p, "prune");
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("the repository does not show what was asked: still listed [" + second + "]"), r.all());
    }

    @Test
    void aFailedExpireStopsAndSaysWhatWasExpiredBefore() throws Exception {
        FakeProc p = proc(info(first, incr, second, newest), info(first, incr, newest))
                .answer(a -> a.get(0).equals("pgbackrest") && a.contains("--set=" + second), ok(""))
                .pgbackrest("expire", failed(41, "P00  ERROR: [041]: unable to remove"));
        InProcess.Run r = InProcess.run(vars(), p, "prune");
        assertEquals(ExitCodes.FAILED, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("pgbackrest expire --set=" + incr + " failed"), r.all());
        assertTrue(r.stderr().contains("(expired before it: " + second + ")"), r.all());
    }

    @Test
    void aFailedPruneRaisesPruneFailedUntilOneSucceeds() throws Exception {
        FakeProc bad = proc(info(first, second, newest), info(first, second, newest))
                .pgbackrest("expire", failed(41, "P00  ERROR: [041]: unable to remove"));
        assertEquals(ExitCodes.FAILED, InProcess.run(vars(), bad, "prune").exitCode());
        InProcess.Run shown = InProcess.run(vars(), proc(info(first, newest), info(first, newest)), "notify");
        assertTrue(shown.stdout().contains("WARNING prune_failed: pgctl prune failed at "), shown.all());
        FakeProc good = proc(info(first, second, newest), info(first, newest)).pgbackrest("expire", ok(""));
        assertEquals(ExitCodes.OK, InProcess.run(vars(), good, "prune").exitCode());
        InProcess.Run after = InProcess.run(vars(), proc(info(first, newest), info(first, newest)), "notify");
        assertTrue(!after.stdout().contains("prune_failed"), after.all());
    }

    @Test
    void withoutAPolicyPruneIsAConfigurationErrorNamingTheVariable() throws Exception {
        InProcess.Run r = InProcess.run(InProcess.vars(dir), new FakeProc(), "prune");
        assertEquals(ExitCodes.CONFIG, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("PGCTL_RETENTION: is not set"), r.all());
        assertTrue(r.stderr().contains("PGCTL_RETENTION=daily=7,weekly=4,monthly=12,yearly=2"), r.all());
    }

    @Test
    void onAStandbyPruneIsRefused() throws Exception {
        FakeProc p = new FakeProc().sql(IN_RECOVERY, ok("t\n"));
        InProcess.Run r = InProcess.run(vars(), p, "prune");
        assertEquals(ExitCodes.STANDBY, r.exitCode(), r.all());
        assertEquals(List.of(), p.commands("pgbackrest"));
    }

    @Test
    void aScheduledBackupPrunesAfterItAndAPlainOneDoesNot() throws Exception {
        for (boolean scheduled : new boolean[] {true, false}) {
            // info: the backup's own read and prune's first see all four; prune's proof sees the expired ones gone
            AtomicInteger infos = new AtomicInteger();
            FakeProc q = new FakeProc().sql(IN_RECOVERY, ok("f\n"))
                    .answer(a -> a.get(0).equals("pgbackrest") && a.contains("info") && infos.getAndIncrement() < 2,
                            ok(info(first, incr, second, newest)))
                    .pgbackrest("info", ok(info(first, newest)))
                    .pgbackrest("backup", ok("P00   INFO: new backup label = " + newest + "\n"))
                    .pgbackrest("expire", ok(""));
            String[] args = Stream.concat(Stream.of("backup", "full"), scheduled ? Stream.of("--scheduled") : Stream.empty())
                    .toArray(String[]::new);
            InProcess.Run r = InProcess.run(vars(), q, args);
            assertEquals(ExitCodes.OK, r.exitCode(), r.all());
            assertEquals(scheduled ? List.of(List.of("expire", "--set=" + second), List.of("expire", "--set=" + incr))
                    : List.of(), expires(q), r.all());
        }
    }
}
