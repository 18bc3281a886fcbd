package dev.pgctl.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.Proc;
import dev.pgctl.fs.Files2;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.ui.Out;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy loop, driven by a clock that moves only when the clone sleeps: no real time passes. */
class PrimaryCloneTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String REFUSED = "pg_basebackup: error: connection to server at \"db\" (172.18.0.2), port 5432 failed: "
            + "FATAL:  password authentication failed for user \"replicator\"";

    @TempDir
    Path tmp;

    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final Time time = new Time();

    /** The clock and the sleeper: sleeping moves the clock. */
    static final class Time implements InstantSource, Sleeper {
        Instant now = T0;
        final List<Duration> slept = new ArrayList<>();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            slept.add(d);
            now = now.plus(d);
        }
    }

    /** pg_isready answers from the time the primary is up; pg_basebackup gives the scripted results in turn. */
    final class Primary extends Proc {
        final Instant upAt;
        final Deque<Result> copies;
        final List<List<String>> copyCommands = new ArrayList<>();

        Primary(Instant upAt, Result... copies) {
            super(false);
            this.upAt = upAt;
            this.copies = new ArrayDeque<>(List.of(copies));
        }

        @Override
        public Result run(Spec spec) {
            return switch (spec.command().get(0)) {
                case "pg_isready" -> new Result(time.now.isBefore(upAt) ? 2 : 0, "", "", false);
                case "pg_basebackup" -> {
                    copyCommands.add(spec.command());
                    Result r = copies.remove();
                    try {
                        Path pgdata = Path.of(spec.command().get(2));
                        Files.writeString(pgdata.resolve("PG_VERSION"), "18\n");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    yield r;
                }
                default -> throw new AssertionError("unexpected " + spec.command());
            };
        }
    }

    static Proc.Result ok() {
        return new Proc.Result(0, "", "", false);
    }

    static Proc.Result failed(String stderr) {
        return new Proc.Result(1, "", stderr, false);
    }

    Config replica(String... kv) throws Exception {
        Map<String, String> m = new HashMap<>(Map.of("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db",
                "PGCTL_REPLICATION_PASSWORD", "r", "PGDATA", tmp.resolve("18/docker").toString()));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new ConfigLoader(new Env(m, p -> ""), 2).load();
    }

    void clone(Config c, Proc primary) throws IOException {
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        new PrimaryClone(c, primary, new Out(ps, ps, false, false, "bootstrap"), new Files2(), pgdata -> () -> {
        }, time, time).run();
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void waitsForAPrimaryThatIsNotUpUntilTheTimeoutAndSaysSoEveryTenSeconds() throws Exception {
        Config c = replica("PGCTL_PRIMARY_WAIT_TIMEOUT", "30");
        PgctlException e = assertThrows(PgctlException.class, () -> clone(c, new Primary(Instant.MAX)));
        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertEquals("PGCTL_PRIMARY_HOST", e.problems().get(0).subject());
        assertEquals(Collections.nCopies(16, Duration.ofSeconds(2)), time.slept, "asked every 2 s until 32 s > 30 s");
        assertEquals(4, count(log(), "waiting for the primary db:5432 to accept connections"), log());
        assertTrue(log().contains("(30 s of PGCTL_PRIMARY_WAIT_TIMEOUT=30)"), log());
        assertFalse(Files.exists(c.postgres().pgdata()), "nothing written to PGDATA");
        assertFalse(Files.exists(DataDir.cloneMarker(c.postgres().pgdata())));
    }

    @Test
    void retriesARefusedLoginUntilTheNewPrimaryHasTheRoleThenMarksTheCopyAStandby() throws Exception {
        Config c = replica();
        Primary primary = new Primary(T0.plusSeconds(7), failed(REFUSED), failed(REFUSED), ok());
        clone(c, primary);
        assertEquals(List.of(2L, 2L, 2L, 2L, 5L, 5L), time.slept.stream().map(Duration::toSeconds).toList());
        assertEquals(2, count(log(), "the primary refused the replication login (" + REFUSED + "); retrying"), log());
        assertTrue(log().contains("copied the primary in 18 s"), log());
        Path pgdata = c.postgres().pgdata();
        assertTrue(Files.exists(pgdata.resolve("standby.signal")));
        assertFalse(Files.exists(DataDir.cloneMarker(pgdata)), "the marker goes once the copy is complete");
    }

    @Test
    void givesUpARefusedLoginAfterSixtySecondsAndEmptiesPgdata() throws Exception {
        Config c = replica("PGCTL_PRIMARY_WAIT_TIMEOUT", "600");
        Proc.Result[] refusals = Collections.nCopies(20, failed(REFUSED)).toArray(Proc.Result[]::new);
        PgctlException e = assertThrows(PgctlException.class, () -> clone(c, new Primary(T0, refusals)));
        assertEquals(ExitCodes.CONFIG, e.exitCode());
        assertEquals("PGCTL_REPLICATION_PASSWORD", e.problems().get(0).subject());
        assertEquals(Duration.ofSeconds(65), Duration.between(T0, time.now), "refused at 0, 5, ... 65 s > 60 s");
        Path pgdata = c.postgres().pgdata();
        try (var files = Files.list(pgdata)) {
            assertEquals(0, files.count(), "the partial copy is removed");
        }
        assertFalse(Files.exists(DataDir.cloneMarker(pgdata)));
    }

    @Test
    void usesAnExistingSlotAtOnce() throws Exception {
        Config c = replica("PGCTL_REPLICATION_SLOT", "r1");
        Primary primary = new Primary(T0, failed("pg_basebackup: error: could not send replication command "
                + "\"CREATE_REPLICATION_SLOT\": ERROR:  replication slot \"r1\" already exists"), ok());
        clone(c, primary);
        assertEquals(List.of(), time.slept);
        assertTrue(primary.copyCommands.get(0).contains("--create-slot"));
        assertFalse(primary.copyCommands.get(1).contains("--create-slot"));
        assertTrue(primary.copyCommands.get(1).contains("--slot=r1"));
        assertTrue(log().contains("the replication slot r1 exists on the primary: using it"), log());
    }
}
