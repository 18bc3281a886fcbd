package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreRequestTest {
    @TempDir
    Path tmp;

    @Test
    void requestHoldsOnlyRestoreOptions() throws Exception {
        Path f = tmp.resolve("pgctl-restore-request");
        Files.writeString(f, "# requested at ...\n--type=time\n--target=2026-11-22 03:10:00+00\n\n--target-action=promote\n");
        assertEquals(List.of("--type=time", "--target=2026-11-22 03:10:00+00", "--target-action=promote"),
                BootstrapCommand.requestOptions(f));
        Files.writeString(f, "# latest\n");
        assertEquals(List.of(), BootstrapCommand.requestOptions(f));
    }

    @Test
    void anythingElseInTheRequestIsRefusedNotPassedToPgBackRest() throws Exception {
        Path f = tmp.resolve("pgctl-restore-request");
        Files.writeString(f, "--type=time\n--repo1-path=/elsewhere\n");
        PgctlException e = assertThrows(PgctlException.class, () -> BootstrapCommand.requestOptions(f));
        assertEquals(ExitCodes.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("--repo1-path") || e.problems().get(0).what().contains("--repo1-path"));
    }

    @Test
    void anInterruptedRestoreResumesWithTheOptionsItStartedWith() throws Exception {
        Path m = tmp.resolve(".docker.pgctl-restore");
        Files.writeString(m, "restore started 2026-11-22T03:00:00Z\noptions recorded\noption --type=lsn\noption --target=0/3000060\n");
        assertEquals(Optional.of(List.of("--type=lsn", "--target=0/3000060")), BootstrapCommand.markerOptions(m));
        Files.writeString(m, "restore started 2026-11-22T03:00:00Z\noptions recorded\n");
        assertEquals(Optional.of(List.of()), BootstrapCommand.markerOptions(m), "latest");
        Files.writeString(m, "restore started 2026-11-22T03:00:00Z\n");
        assertEquals(Optional.empty(), BootstrapCommand.markerOptions(m), "a marker of an older pgctl: the environment decides");
    }
}
