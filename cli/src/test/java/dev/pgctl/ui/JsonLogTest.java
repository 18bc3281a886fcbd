package dev.pgctl.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgctl.json.Json;
import dev.pgctl.problem.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PGCTL_LOG_FORMAT=json: every log line one JSON object, with the fields README's "Logs" documents. */
class JsonLogTest {
    /** What an Out wrote on each stream. */
    record Written(String stdout, String stderr) {
        List<String> lines() {
            return Stream.concat(stdout.lines(), stderr.lines()).toList();
        }
    }

    static Written write(Map<String, String> env, boolean console, Consumer<Out> what) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Out out = new Out(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Out.Mode.of(console, env), "backup");
        what.accept(out);
        return new Written(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Written json(Consumer<Out> what) {
        return write(Map.of("PGCTL_LOG_FORMAT", "json"), false, what);
    }

    static JsonNode only(String text) {
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.size(), "one line: " + text);
        return parse(lines.get(0));
    }

    static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    static List<String> names(JsonNode n) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    // ---- PGCTL_LOG_FORMAT as Out reads it: the table's choices, as ConfigLoader compares them; anything else is text

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(null, Out.Format.TEXT),
                Arguments.of("text", Out.Format.TEXT),
                Arguments.of("json", Out.Format.JSON),
                Arguments.of("JSON", Out.Format.JSON),
                Arguments.of(" json ", Out.Format.JSON),
                Arguments.of("", Out.Format.TEXT),
                // ConfigLoader refuses these (exit 3); Out must still print that error: as text
                Arguments.of("yaml", Out.Format.TEXT),
                Arguments.of("json\n", Out.Format.TEXT));
    }

    @ParameterizedTest(name = "PGCTL_LOG_FORMAT={0}: {1}")
    @MethodSource("formats")
    void theFormatComesFromTheOneVariable(String value, Out.Format format) {
        Map<String, String> env = new HashMap<>();
        if (value != null) {
            env.put("PGCTL_LOG_FORMAT", value);
        }
        assertEquals(format, Out.Format.of(env));
    }

    static Stream<Arguments> jsonModes() {
        return Stream.of(
                // console, NO_COLOR, TERM -> terminal (for prompts); never colour, never a redrawn line
                Arguments.of(true, null, "xterm-256color", true),
                Arguments.of(true, null, null, true),
                Arguments.of(true, "1", "xterm", true),
                Arguments.of(true, null, "dumb", true),
                Arguments.of(false, null, "xterm", false));
    }

    @ParameterizedTest(name = "console={0} NO_COLOR={1} TERM={2}")
    @MethodSource("jsonModes")
    void jsonIgnoresTheTerminalsColoursAndRedrawing(boolean console, String noColor, String term, boolean terminal) {
        Map<String, String> env = new HashMap<>(Map.of("PGCTL_LOG_FORMAT", "json"));
        if (noColor != null) {
            env.put("NO_COLOR", noColor);
        }
        if (term != null) {
            env.put("TERM", term);
        }
        assertEquals(new Out.Mode(terminal, false, false, Out.Format.JSON), Out.Mode.of(console, env));
        Written w = write(env, console, out -> {
            out.info("plain " + out.bold("b") + out.red("r"));
            out.warn("careful");
            assertFalse(ProgressLine.draw(out, "backup  [####------]  40%"), "a progress line in JSON mode");
        });
        assertFalse((w.stdout() + w.stderr()).contains("\u001b"), w.toString());
        assertEquals(List.of("plain br", "careful"), w.lines().stream().map(l -> parse(l).get("message").asText()).toList());
    }

    // ---- the line format, each level

    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of(Out.Level.INFO, "info", true),
                Arguments.of(Out.Level.WARN, "warn", false),
                Arguments.of(Out.Level.ERROR, "error", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void eachLevelIsOneObjectWithTimeLevelComponentAndMessage(Out.Level level, String word, boolean onStdout) {
        Written w = json(out -> out.log(level, "full backup done in 3 s"));
        JsonNode n = only(onStdout ? w.stdout() : w.stderr());
        assertEquals("", onStdout ? w.stderr() : w.stdout(), "the other stream");
        assertEquals(Out.REQUIRED_FIELDS, names(n));
        assertTrue(n.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), n.toString());
        assertEquals(word, n.get("level").asText());
        assertEquals("backup", n.get("component").asText());
        assertEquals("full backup done in 3 s", n.get("message").asText());
    }

    @Test
    void aProblemWithAFixIsOneObjectWithItsParts() {
        Written w = json(out -> out.problem(Problem.of("PGBACKREST_REPO1_S3_BUCKET", "is not set",
                "pgctl backs up to S3", "PGBACKREST_REPO1_S3_BUCKET=my-backups", "PGBACKREST_REPO1_S3_ENDPOINT=s3")));
        JsonNode n = only(w.stderr());
        assertEquals("error", n.get("level").asText());
        assertEquals("PGBACKREST_REPO1_S3_BUCKET: is not set", n.get("message").asText());
        assertEquals("PGBACKREST_REPO1_S3_BUCKET", n.get("subject").asText());
        assertEquals("pgctl backs up to S3", n.get("why").asText());
        assertEquals(List.of("PGBACKREST_REPO1_S3_BUCKET=my-backups", "PGBACKREST_REPO1_S3_ENDPOINT=s3"),
                Json.MAPPER.convertValue(n.get("fix"), List.class));
    }

    @Test
    void anEventCarriesItsFieldsAndLeavesOutWhatIsUnknown() {
        Written w = json(out -> out.event(Out.Level.INFO, "full backup done in 42 s", () -> Out.Event.of("backup.done")
                .with("type", "full").label("20261122-030000F").duration(Duration.ofMillis(42_250)).bytes(23_702_190L)
                .with("pgctl_label", null).with("repo_bytes", Optional.empty())));
        JsonNode n = only(w.stdout());
        assertEquals(List.of("time", "level", "component", "message", "event", "type", "label", "duration_seconds", "bytes"),
                names(n));
        assertEquals("backup.done", n.get("event").asText());
        assertEquals("20261122-030000F", n.get("label").asText());
        assertEquals(42.25, n.get("duration_seconds").asDouble());
        assertEquals(23_702_190L, n.get("bytes").asLong());
        assertTrue(n.get("bytes").isIntegralNumber(), n.toString());
    }

    @Test
    void anEventsFieldsCannotReplaceTheRequiredOnes() {
        JsonNode n = only(json(out -> out.event(Out.Level.INFO, "the message",
                () -> Out.Event.of("x").with("message", "other").with("level", "error"))).stdout());
        assertEquals("the message", n.get("message").asText());
        assertEquals("info", n.get("level").asText());
    }

    @Test
    void textModeWritesTheMessageAloneAndNeverBuildsTheEvent() {
        Written w = write(Map.of(), false, out -> out.event(Out.Level.INFO, "full backup done in 42 s", () -> {
            throw new AssertionError("the event was built for a text line");
        }));
        assertTrue(w.stdout().matches("\\S+Z pgctl\\[backup] full backup done in 42 s\\n"), w.stdout());
    }

    @Test
    void newlinesAndControlCharactersStayInsideTheOneLineAsEscapes() {
        // what a value from the environment or a program's output may hold: ESC (a terminal escape), CR, TAB,
        // BEL, DEL, C1's CSI, the Unicode line separator; then text in other scripts, unescaped
        String msg = "first line\nsecond \u001b[2J\r\t\u0007\u007f\u009b\u2028 end \u00e9\u4e2d";
        Written w = json(out -> {
            out.error(msg);
            out.relay("pgbackrest", msg);
            out.problem(Problem.of("PGCTL_SSL_DIR", msg, msg, msg));
        });
        List<String> lines = w.lines();
        assertEquals(3, lines.size(), w.toString());
        for (String line : lines) {
            for (char c : line.toCharArray()) {
                assertFalse(Character.isISOControl(c) || c == '\u2028' || c == '\u2029',
                        String.format("U+%04X written raw in %s", (int) c, line));
            }
            assertTrue(line.contains("\u00e9\u4e2d"), "other scripts stay readable: " + line);
        }
        assertEquals(msg, parse(lines.get(0)).get("message").asText());
        assertEquals(msg, parse(lines.get(1)).get("message").asText());
        assertEquals(msg, parse(lines.get(2)).get("why").asText());
    }

    // ---- other programs' lines, and the scheduler's line

    static Stream<Arguments> programLines() {
        return Stream.of(
                Arguments.of("P00   INFO: backup command begin 2.60.0: --exec-id=1-ab", Out.Level.INFO),
                Arguments.of("P00   WARN: a timeline switch has occurred since the last backup", Out.Level.WARN),
                Arguments.of("P00  ERROR: [082]: WAL segment 000000010000000000000003 was not archived", Out.Level.ERROR),
                Arguments.of("pg_basebackup: error: connection to server failed", Out.Level.ERROR),
                Arguments.of("pg_basebackup: warning: something", Out.Level.WARN),
                Arguments.of("P00   INFO: a message that mentions ERROR: further on, past its start", Out.Level.INFO));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("programLines")
    void aProgramsLineIsItsOwnComponentAtTheLevelItSays(String line, Out.Level level) {
        assertEquals(level, Out.levelOf(line));
        Written w = json(out -> out.relay("pgbackrest", line));
        JsonNode n = only(level == Out.Level.INFO ? w.stdout() : w.stderr());
        assertEquals("pgbackrest", n.get("component").asText());
        assertEquals(line, n.get("message").asText());
        assertEquals(level.name().toLowerCase(), n.get("level").asText());
    }

    @Test
    void inTextAProgramsLineIsPrefixedWithItsNameAsBefore() {
        Written w = write(Map.of(), false, out -> out.relay("pgbackrest", "P00   WARN: careful"));
        assertTrue(w.stdout().matches("\\S+Z pgctl\\[backup] pgbackrest: P00   WARN: careful\\n"), w.stdout());
    }

    @Test
    void theSchedulersLineTemplateTakesTheTimeWhereThePlaceholderIs() {
        Out text = new Out(System.out, System.err, false, false, "bootstrap").as("scheduler");
        assertEquals("@T@ pgctl[scheduler] WARNING stopped", text.lineTemplate(Out.Level.WARN, "stopped", "@T@"));
        Out json = new Out(System.out, System.err, Out.Mode.of(false, Map.of("PGCTL_LOG_FORMAT", "json")), "bootstrap")
                .as("scheduler");
        String line = json.lineTemplate(Out.Level.WARN, "stopped", "@T@").replace("@T@", "2026-11-23T10:00:00Z");
        JsonNode n = parse(line);
        assertEquals(Out.REQUIRED_FIELDS, names(n));
        assertEquals(List.of("2026-11-23T10:00:00Z", "warn", "scheduler", "stopped"),
                Out.REQUIRED_FIELDS.stream().map(f -> n.get(f).asText()).toList());
    }
}
