package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pgctl's record of its backup jobs: which success supersedes which failure, one-line reasons, the file. */
class BackupRecordTest {
    static final Instant T = Instant.parse("2026-11-24T01:00:00Z");

    @ParameterizedTest(name = "a {0} success covers a failed {1}: {2}")
    @CsvSource({"full,full,true", "full,diff,true", "full,incr,true", "diff,full,false", "diff,diff,true",
        "diff,incr,true", "incr,full,false", "incr,diff,false", "incr,incr,true"})
    void covers(String success, String failed, boolean covers) {
        assertEquals(covers, BackupRecord.covers(success, failed));
    }

    @Test
    void aSuccessSupersedesWhatItCovers() {
        BackupRecord r = BackupRecord.EMPTY.failed("full", T, "S3 down", false).failed("incr", T.plusSeconds(60), "S3 down", true);
        assertEquals(List.of("full", "incr"), r.failures().stream().map(BackupRecord.Failure::type).toList());
        assertEquals(List.of("full"), r.succeeded("incr", T.plusSeconds(120)).failures().stream().map(BackupRecord.Failure::type).toList());
        assertEquals(List.of(), r.succeeded("full", T.plusSeconds(120)).failures());
    }

    @Test
    void aReasonIsOneVisibleLine() {
        BackupRecord r = BackupRecord.EMPTY.failed("full", T, "ERROR: [104]: unable to connect\n  HINT: is S3 up?\u001b[0m", true);
        assertEquals("ERROR: [104]: unable to connect / HINT: is S3 up?\\u001b[0m", r.failures().get(0).reason());
        String longer = "x".repeat(1000);
        assertEquals(BackupRecord.REASON_MAX, BackupRecord.EMPTY.failed("full", T, longer, true).failures().get(0).reason().length());
    }

    @Test
    void writtenAndReadBack(@TempDir Path dir) throws Exception {
        BackupRecord r = BackupRecord.EMPTY.succeeded("full", T).failed("incr", T.plusSeconds(60), "S3 down", true);
        r.write(dir);
        assertEquals(r, BackupRecord.read(dir));
        assertEquals(BackupRecord.EMPTY, BackupRecord.read(dir.resolve("none")));
    }
}
