package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parses output captured from pgBackRest 2.60 (src/test/resources/pgbackrest). */
class RepoInfoTest {
    static String resource(String name) throws IOException {
        try (InputStream in = RepoInfoTest.class.getResourceAsStream("/pgbackrest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void healthyStanzaWithOneFullBackup() throws Exception {
        RepoInfo info = RepoInfo.parse(resource("info-ok.json"), "main");
        assertEquals(RepoInfo.OK, info.statusCode());
        assertTrue(info.hasBackups());
        assertFalse(info.empty());
        RepoInfo.Backup b = info.latest().orElseThrow();
        assertEquals("20261122-024853F", b.label());
        assertEquals("full", b.type());
        assertEquals(Instant.ofEpochSecond(1795315742), b.stop());
        assertEquals(23702190L, b.size());
        assertEquals(2836265L, b.repoSize());
        assertEquals(Map.of("pgctl-label", "first"), b.annotations());
        assertEquals(Optional.of("000000010000000000000001"), info.archiveMin());
        assertEquals(Optional.of("000000010000000000000005"), info.archiveMax());
        assertEquals(Optional.of(7710822329559109723L), info.systemId());
        assertEquals(Optional.of(b), info.latest("full"));
        assertEquals(Optional.empty(), info.latest("incr"));
    }

    @Test
    void missingStanzaMeansAnEmptyRepository() throws Exception {
        RepoInfo info = RepoInfo.parse(resource("info-missing-stanza.json"), "nostanza");
        assertEquals(RepoInfo.MISSING_STANZA_PATH, info.statusCode());
        assertTrue(info.empty());
        assertFalse(info.hasBackups());
    }

    @Test
    void unreachableRepositoryCarriesTheRepositoryError() throws Exception {
        RepoInfo info = RepoInfo.parse(resource("info-unreachable.json"), "main");
        assertEquals(99, info.statusCode());
        assertFalse(info.empty());
        assertTrue(info.statusMessage().contains("unable to get address for 's3'"), info.statusMessage());
    }

    @Test
    void anotherStanzaIsAnError() {
        assertThrows(IOException.class, () -> RepoInfo.parse(resource("info-ok.json"), "other"));
    }

    @Test
    void aRunningBackupReportsItsProgressFromTheLock() throws Exception {
        String json = "[{\"name\":\"main\",\"backup\":[],\"archive\":[],\"db\":[],\"status\":{\"code\":2,"
                + "\"message\":\"no valid backups\",\"lock\":{\"backup\":{\"held\":true,\"size\":1000,\"size-cplt\":250}}}}]";
        assertEquals(java.util.Optional.of(new RepoInfo.Progress(250, 1000)), RepoInfo.parse(json, "main").backupProgress());
        String idle = json.replace("\"held\":true,\"size\":1000,\"size-cplt\":250", "\"held\":false");
        assertEquals(java.util.Optional.empty(), RepoInfo.parse(idle, "main").backupProgress());
    }

    /**
     * Two repositories (the issue 19 shape). These two files follow pgBackRest 2.60's JSON as captured above, with
     * a second "repo" entry and repo-key 2 on what repo2 holds, as pgBackRest's own multi-repository output has it.
     */
    @Test
    void eachRepositoryIsReadOnItsOwnFromOneInfo() throws Exception {
        String json = resource("info-two-repos.json");
        RepoInfo all = RepoInfo.parse(json, "main");
        assertEquals(3, all.backups().size());
        RepoInfo one = RepoInfo.parseRepo(json, "main", 1);
        RepoInfo two = RepoInfo.parseRepo(json, "main", 2);
        assertEquals(RepoInfo.OK, one.statusCode());
        assertEquals(java.util.List.of("20261202-181400F", "20261202-181400F_20261202-183000I"),
                one.backups().stream().map(RepoInfo.Backup::label).toList());
        assertEquals(java.util.List.of("20261202-181500F"), two.backups().stream().map(RepoInfo.Backup::label).toList());
        assertEquals(Optional.of("00000001000000000000000A"), one.archiveMax());
        assertEquals(Optional.of("000000010000000000000003"), two.archiveMin());
        assertEquals(Optional.of("000000010000000000000009"), two.archiveMax());
        assertEquals(Optional.empty(), two.latest("incr"));
        assertEquals(Optional.of(7710822329559109723L), two.systemId());
    }

    @Test
    void aRepositoryThatIsDownIsStatus99WithItsErrorWhileTheOtherOneIsRead() throws Exception {
        String json = resource("info-two-repos-repo1-down.json");
        RepoInfo one = RepoInfo.parseRepo(json, "main", 1);
        assertEquals(99, one.statusCode());
        assertTrue(one.statusMessage().contains("Connection refused"), one.statusMessage());
        assertFalse(one.hasBackups());
        RepoInfo two = RepoInfo.parseRepo(json, "main", 2);
        assertEquals(RepoInfo.OK, two.statusCode());
        assertEquals("20261202-181500F", two.latest().orElseThrow().label());
        // the stanza as a whole is "different across repos" (4): neither empty nor unreadable
        RepoInfo all = RepoInfo.parse(json, "main");
        assertEquals(4, all.statusCode());
        assertFalse(all.empty());
        RepoInfo three = RepoInfo.parseRepo(json, "main", 3);
        assertEquals(99, three.statusCode());
    }
}
