package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpaceWarningsTest {
    private static final long MB = 1L << 20;

    @ParameterizedTest(name = "{0}: {1} MB free of {2} MB -> {3}")
    @CsvSource(nullValues = "none", value = {
        // a 1 MB tmpfs spool, filled up
        "spool,  0,       1,        the archive spool /var/spool/pgbackrest is full",
        // small but not full: fine
        "spool,  60,      64,       none",
        // a big disk at 3% free but 30 GB left is not nearly full
        "pgdata, 30720,   1024000,  none",
        // 500 MB left of 100 GB is
        "pgdata, 500,     102400,   the disk of PGDATA /var/lib/postgresql/18/docker is nearly full",
        // a small disk: 4 % left warns, the whole of an emptied 1 MB spool does not
        "pgdata, 4,       100,      the disk of PGDATA /var/lib/postgresql/18/docker is nearly full",
        "spool,  1,       1,        none",
        // unknown size (0 total): nothing to say
        "pgdata, 0,       0,        none"})
    void warns(String what, long freeMb, long totalMb, String expected) {
        String path = what.equals("spool") ? "/var/spool/pgbackrest" : "/var/lib/postgresql/18/docker";
        List<StatusReport.Warning> got = SpaceWarnings.of(List.of(new StatusReport.Space(what, path, freeMb * MB, totalMb * MB)));
        assertEquals(expected == null ? 0 : 1, got.size(), got.toString());
        if (expected != null) {
            assertEquals(true, got.get(0).what().startsWith(expected), got.get(0).what());
            assertEquals(true, got.get(0).fix().startsWith("docker exec <container> du -sh"), got.get(0).fix());
        }
    }
}
