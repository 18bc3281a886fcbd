package dev.pgctl.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.restore.WalArchiving.Verdict;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pg.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The in-place restore stops PostgreSQL only once everything written is known to be archived. */
class WalArchivingTest {
    static Result ok(String out) {
        return new Result(0, out + "\n", "", false);
    }

    static Result error(String err) {
        return new Result(2, "", err, false);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "000000010000000000000005,                 000000010000000000000005, ARCHIVED",
        "000000010000000000000006,                 000000010000000000000005, ARCHIVED",
        "000000020000000000000001,                 000000010000000000000009, ARCHIVED",
        "000000010000000000000004,                 000000010000000000000005, NOT_YET",
        "'',                                       000000010000000000000005, NOT_YET",
        "00000002.history,                         000000010000000000000005, NOT_YET",
        "000000010000000000000005.partial,         000000010000000000000005, ARCHIVED",
        "000000010000000000000003.00000028.backup, 000000010000000000000005, NOT_YET",
    })
    void judgesTheArchiver(String last, String segment, Verdict expected) {
        assertEquals(expected, WalArchiving.verdict(ok(last), segment));
    }

    @Test
    void anUnreadableArchiverIsNeverTakenForArchived() {
        assertEquals(Verdict.UNREADABLE, WalArchiving.verdict(error("psql: connection refused"), "000000010000000000000005"));
    }

    @Test
    void theCurrentSegmentMustBeASegmentName() {
        assertEquals(Optional.of("000000010000000000000005"), WalArchiving.segment(ok("000000010000000000000005")));
        assertEquals(Optional.empty(), WalArchiving.segment(ok("")));
        assertEquals(Optional.empty(), WalArchiving.segment(error("ERROR: recovery is in progress")));
    }

    /** A server that answers the three questions with the given results, and records what it was asked. */
    static final class FakeServer extends Postgres {
        final Map<String, Result> answers;
        final List<String> asked = new ArrayList<>();

        FakeServer(Map<String, Result> answers) {
            super(new Config.Postgres(Path.of("/nonexistent"), 5432, Path.of("/nonexistent"), "postgres"),
                    null);
            this.answers = answers;
        }

        @Override
        public Result query(String sql) {
            asked.add(sql);
            return answers.entrySet().stream().filter(e -> sql.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElseThrow();
        }
    }

    private static PgctlException aborts(FakeServer pg) {
        PgctlException e = assertThrows(PgctlException.class,
                () -> WalArchiving.archiveEverythingWritten(pg, Duration.ofSeconds(60), "db"));
        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertTrue(e.problems().get(0).why().contains("PostgreSQL keeps running"), e.problems().toString());
        return e;
    }

    @Test
    void abortsAtOnceWhenTheArchiveStateCannotBeRead() {
        FakeServer pg = new FakeServer(Map.of("pg_walfile_name", ok("000000010000000000000005"),
                "pg_switch_wal", ok("0/5000100"), "pg_stat_archiver", error("psql: server closed the connection")));
        long t0 = System.nanoTime();
        PgctlException e = aborts(pg);
        assertTrue(e.getMessage().contains("archive state"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "it must not wait out the timeout");
    }

    @Test
    void abortsWhenPgSwitchWalFails() {
        FakeServer pg = new FakeServer(Map.of("pg_walfile_name", ok("000000010000000000000005"),
                "pg_switch_wal", error("ERROR: WAL control functions cannot be executed during recovery."),
                "pg_stat_archiver", ok("000000010000000000000009")));
        PgctlException e = aborts(pg);
        assertTrue(e.getMessage().contains("pg_switch_wal() failed"), e.getMessage());
    }

    @Test
    void abortsWhenTheCurrentSegmentCannotBeRead() {
        FakeServer pg = new FakeServer(Map.of("pg_walfile_name", error("psql: could not connect"),
                "pg_switch_wal", ok("0/5000100"), "pg_stat_archiver", ok("000000010000000000000009")));
        aborts(pg);
        assertEquals(1, pg.asked.size(), "nothing else is tried");
    }

    @Test
    void abortsWhenTheSegmentIsNotArchivedInTime() {
        FakeServer pg = new FakeServer(Map.of("pg_walfile_name", ok("000000010000000000000005"),
                "pg_switch_wal", ok("0/5000100"), "pg_stat_archiver", ok("000000010000000000000004")));
        PgctlException e = assertThrows(PgctlException.class,
                () -> WalArchiving.archiveEverythingWritten(pg, Duration.ofMillis(600), "db"));
        assertTrue(e.getMessage().contains("was not archived within"), e.getMessage());
    }

    @Test
    void returnsTheSegmentOnceItIsArchived() {
        FakeServer pg = new FakeServer(Map.of("pg_walfile_name", ok("000000010000000000000005"),
                "pg_switch_wal", ok("0/5000100"), "pg_stat_archiver", ok("000000010000000000000005")));
        assertEquals("000000010000000000000005", WalArchiving.archiveEverythingWritten(pg, Duration.ofSeconds(60), "db"));
        assertEquals(3, pg.asked.size());
    }
}
