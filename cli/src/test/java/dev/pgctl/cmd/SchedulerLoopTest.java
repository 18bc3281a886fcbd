package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgctl.json.Json;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler's restart loop (a shell, no JVM) logs in the container's log format: run here with a
 * supercronic that exits at once and a sleep that ends the loop, so the loop goes round exactly once.
 */
class SchedulerLoopTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Out.Format.class)
    void theLoopsLineWhenSupercronicStopsIsInTheLogFormat(Out.Format format) throws Exception {
        script("supercronic", "exit 1");
        script("sleep", "kill -TERM $PPID");
        Out out = new Out(System.out, System.err, new Out.Mode(false, false, false, format), "bootstrap");
        String stopped = out.as("scheduler").lineTemplate(Out.Level.WARN,
                "the backup scheduler stopped; restarting it in 10 s", Services.TIME);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", Services.SCHEDULER_LOOP, "pgctl-scheduler", "/no/crontab", stopped)
                .redirectErrorStream(true);
        pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the loop ended (its sleep killed it)");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
        if (format == Out.Format.TEXT) {
            assertTrue(line.matches(time + " pgctl\\[scheduler] WARNING the backup scheduler stopped; restarting it in 10 s"),
                    line);
        } else {
            JsonNode n = Json.MAPPER.readTree(line);
            assertTrue(n.get("time").asText().matches(time), line);
            assertEquals(Map.of("level", "warn", "component", "scheduler",
                    "message", "the backup scheduler stopped; restarting it in 10 s"),
                    Map.of("level", n.get("level").asText(), "component", n.get("component").asText(),
                            "message", n.get("message").asText()));
        }
    }

    private void script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
