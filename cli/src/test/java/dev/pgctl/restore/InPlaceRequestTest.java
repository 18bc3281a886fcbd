package dev.pgctl.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class InPlaceRequestTest {
    @TempDir
    Path tmp;

    @Test
    void requestHoldsOnlyRestoreOptions() throws Exception {
        Path f = tmp.resolve("pgctl-restore-request");
        Files.writeString(f, "# requested at ...\n--type=time\n--target=2026-11-22 03:10:00+00\n\n--target-action=promote\n");
        assertEquals(List.of("--type=time", "--target=2026-11-22 03:10:00+00", "--target-action=promote"),
                InPlaceRequest.readRequest(f));
        Files.writeString(f, "# latest\n");
        assertEquals(List.of(), InPlaceRequest.readRequest(f));
    }

    @Test
    void anythingElseInTheRequestIsRefusedNotPassedToPgBackRest() throws Exception {
        Path f = tmp.resolve("pgctl-restore-request");
        Files.writeString(f, "--type=time\n--repo1-path=/elsewhere\n");
        PgctlException e = assertThrows(PgctlException.class, () -> InPlaceRequest.readRequest(f));
        assertEquals(ExitCodes.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("--repo1-path") || e.problems().get(0).what().contains("--repo1-path"));
    }

    @Test
    void anInterruptedRestoreResumesWithTheOptionsItStartedWith() throws Exception {
        Path m = tmp.resolve(".docker.pgctl-restore");
        Files.writeString(m, "restore started 2026-11-22T03:00:00Z\noptions recorded\noption --type=lsn\noption --target=0/3000060\n");
        assertEquals(Optional.of(List.of("--type=lsn", "--target=0/3000060")), InPlaceRequest.readMarker(m));
        Files.writeString(m, "restore started 2026-11-22T03:00:00Z\noptions recorded\n");
        assertEquals(Optional.of(List.of()), InPlaceRequest.readMarker(m), "latest");
        Files.writeString(m, "restore started 2026-11-22T03:00:00Z\n");
        assertEquals(Optional.empty(), InPlaceRequest.readMarker(m), "a marker of an older pgctl: the environment decides");
    }

    static Stream<List<String>> targetOptions() {
        return Stream.of(
                List.of(), // latest
                List.of("--type=time", "--target=2026-11-22 03:10:00+00", "--target-action=promote"),
                List.of("--set=20261122-010000F", "--type=immediate", "--target-action=promote"),
                List.of("--type=name", "--target=before upgrade #2", "--target-action=promote"),
                List.of("--type=lsn", "--target=0/3000060", "--target-exclusive", "--target-timeline=current",
                        "--target-action=promote"));
    }

    @ParameterizedTest
    @MethodSource("targetOptions")
    void whatRestoreWritesIntoTheRequestBootstrapReadsBack(List<String> options) throws Exception {
        Path f = tmp.resolve("pgctl-restore-request");
        Files.writeString(f, InPlaceRequest.request(Instant.parse("2026-11-22T03:00:00Z"), "LSN 0/3000060", options));
        assertEquals(options, InPlaceRequest.readRequest(f));
    }

    @ParameterizedTest
    @MethodSource("targetOptions")
    void whatBootstrapWritesIntoTheMarkerItReadsBackToResume(List<String> options) throws Exception {
        Path m = tmp.resolve(".docker.pgctl-restore");
        Files.writeString(m, InPlaceRequest.marker(Instant.parse("2026-11-22T03:00:00Z"), options));
        assertEquals(Optional.of(options), InPlaceRequest.readMarker(m));
    }

    @Test
    void aRequestThatCannotBeReadIsRefusedNamingTheFile() {
        Path f = tmp.resolve("pgctl-restore-request");
        PgctlException e = assertThrows(PgctlException.class, () -> InPlaceRequest.readRequest(tmp));
        assertEquals(ExitCodes.CONFIG, e.exitCode());
        assertEquals(tmp.toString(), e.problems().get(0).subject());
        assertTrue(e.problems().get(0).what().startsWith("cannot be read as pgctl's in-place restore request"),
                e.problems().get(0).what());
        assertFalse(Files.exists(f));
    }
}
