package dev.pgctl.pgbackrest;

import dev.pgctl.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code pgbackrest info --output=json} says about one stanza.
 *
 * @param statusCode pgBackRest's stanza status: 0 ok, 1 missing stanza path, 2 no valid backups,
 *                   3 missing stanza data, 99 other (for example the repository cannot be read)
 */
public record RepoInfo(int statusCode, String statusMessage, List<Backup> backups, Optional<String> archiveMin,
        Optional<String> archiveMax, boolean backupLockHeld, Optional<Long> systemId, Optional<Progress> backupProgress) {

    /** How far a running backup is (pgBackRest's lock reports bytes copied of the total). */
    public record Progress(long doneBytes, long totalBytes) {
    }

    public static final int OK = 0;
    public static final int MISSING_STANZA_PATH = 1;
    public static final int NO_BACKUP = 2;
    public static final int MISSING_STANZA_DATA = 3;

    public record Backup(String label, String type, Instant start, Instant stop, long size, long repoSize,
            Optional<String> walStart, Optional<String> walStop, Map<String, String> annotations, boolean error) {
    }

    /** A stanza exists and holds at least one backup that can be restored. */
    public boolean hasBackups() {
        return !backups.isEmpty();
    }

    /** The stanza is not there or has no backup: the repository holds nothing to restore. */
    public boolean empty() {
        return statusCode == MISSING_STANZA_PATH || statusCode == MISSING_STANZA_DATA
                || (statusCode == NO_BACKUP && backups.isEmpty());
    }

    /** The repository has no stanza of this name (pgBackRest status 1 or 3). */
    public boolean stanzaMissing() {
        return statusCode == MISSING_STANZA_PATH || statusCode == MISSING_STANZA_DATA;
    }

    public Optional<Backup> latest() {
        return backups.isEmpty() ? Optional.empty() : Optional.of(backups.get(backups.size() - 1));
    }

    /** The backup of that label, if the repository lists it. */
    public Optional<Backup> backup(String label) {
        return backups.stream().filter(b -> b.label().equals(label)).findFirst();
    }

    public Optional<Backup> latest(String type) {
        for (int i = backups.size() - 1; i >= 0; i--) {
            if (backups.get(i).type().equals(type)) {
                return Optional.of(backups.get(i));
            }
        }
        return Optional.empty();
    }


    /** Parses the JSON for the named stanza: every repository together (pgBackRest's own summary of the stanza). */
    public static RepoInfo parse(String json, String stanza) throws IOException {
        return parse(json, stanza, 0);
    }

    /**
     * One repository's view of the stanza from the same JSON ({@code pgbackrest info} reads every repository): its
     * own status (the "repo" entry of that key), and only the backups and WAL archive ranges that repository holds
     * ("database": {"repo-key": n}). A repository the output does not list is status 99 (not read).
     */
    public static RepoInfo parseRepo(String json, String stanza, int repoKey) throws IOException {
        if (repoKey < 1) {
            throw new IllegalArgumentException("repository keys start at 1");
        }
        return parse(json, stanza, repoKey);
    }

    /** Whether a backup or archive entry belongs to the repository asked for (0: every repository). */
    private static boolean inRepo(JsonNode entry, int repoKey) {
        return repoKey == 0 || entry.path("database").path("repo-key").asInt(1) == repoKey;
    }

    private static RepoInfo parse(String json, String stanza, int repoKey) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        JsonNode st = null;
        if (root != null && root.isArray()) {
            for (JsonNode n : root) {
                if (stanza.equals(n.path("name").asText())) {
                    st = n;
                }
            }
        }
        if (st == null) {
            throw new IOException("stanza '" + stanza + "' is not in the pgBackRest info output");
        }
        int code = st.path("status").path("code").asInt(99);
        String message = st.path("status").path("message").asText("");
        // the repository's own status says why a stanza is in state "other"
        for (JsonNode repo : st.path("repo")) {
            int rc = repo.path("status").path("code").asInt(0);
            if (code == 99 && rc != 0) {
                message = repo.path("status").path("message").asText(message);
            }
        }
        if (repoKey > 0) {
            code = 99;
            message = "pgbackrest info does not list repo" + repoKey;
            for (JsonNode repo : st.path("repo")) {
                if (repo.path("key").asInt(1) == repoKey) {
                    code = repo.path("status").path("code").asInt(99);
                    message = repo.path("status").path("message").asText("");
                }
            }
        }
        List<Backup> backups = new ArrayList<>();
        for (JsonNode b : st.path("backup")) {
            if (!inRepo(b, repoKey)) {
                continue;
            }
            Map<String, String> ann = new TreeMap<>();
            b.path("annotation").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText()));
            backups.add(new Backup(
                    b.path("label").asText(),
                    b.path("type").asText(),
                    Instant.ofEpochSecond(b.path("timestamp").path("start").asLong()),
                    Instant.ofEpochSecond(b.path("timestamp").path("stop").asLong()),
                    b.path("info").path("size").asLong(),
                    b.path("info").path("repository").path("delta").asLong(
                            b.path("info").path("repository").path("size").asLong()),
                    text(b.path("archive").path("start")),
                    text(b.path("archive").path("stop")),
                    ann,
                    b.path("error").asBoolean(false)));
        }
        Optional<String> min = Optional.empty();
        Optional<String> max = Optional.empty();
        for (JsonNode a : st.path("archive")) {
            if (!inRepo(a, repoKey)) {
                continue;
            }
            if (min.isEmpty()) {
                min = text(a.path("min"));
            }
            max = text(a.path("max")).or(() -> Optional.empty());
        }
        boolean lock = st.path("status").path("lock").path("backup").path("held").asBoolean(false);
        Optional<Long> systemId = Optional.empty();
        for (JsonNode db : st.path("db")) {
            if (db.has("system-id") && (repoKey == 0 || db.path("repo-key").asInt(1) == repoKey)) {
                systemId = Optional.of(db.path("system-id").asLong());
            }
        }
        JsonNode held = st.path("status").path("lock").path("backup");
        Optional<Progress> progress = lock && held.path("size").asLong(0) > 0
                ? Optional.of(new Progress(held.path("size-cplt").asLong(0), held.path("size").asLong()))
                : Optional.empty();
        return new RepoInfo(code, message, List.copyOf(backups), min, max, lock, systemId, progress);
    }

    private static Optional<String> text(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? Optional.empty() : Optional.of(n.asText());
    }
}
