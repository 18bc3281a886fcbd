package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.exec.FakeProc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgctl health}, the HEALTHCHECK, runs without picocli (Pgctl.execute): the same lines and exit codes as
 * through picocli's model, healthy, unhealthy, starting and on a failure of its own.
 */
class HealthWithoutPicocliTest {
    @TempDir
    Path dir;

    private void same(Map<String, String> vars, FakeProc proc, int exitCode, String expected) throws Exception {
        InProcess.Run direct = InProcess.run(vars, proc, "health");
        InProcess.Run picocli = InProcess.runWholeTree(vars, proc, "health");
        assertEquals(picocli, direct);
        assertEquals(exitCode, direct.exitCode(), direct.all());
        assertTrue(direct.all().contains(expected), direct.all());
    }

    @Test
    void postgresAccepting() throws Exception {
        // no scheduler was expected here (its marker is absent), so a ready server is healthy
        same(InProcess.vars(dir), new FakeProc().program("pg_isready", FakeProc.ok("")), 0, "healthy: ");
    }

    @Test
    void postgresNotAccepting() throws Exception {
        same(InProcess.vars(dir), new FakeProc().program("pg_isready", FakeProc.failed(2, "no response")), 1,
                "unhealthy: ");
    }

    @Test
    void aRestoreUnderWay() throws Exception {
        Map<String, String> vars = InProcess.vars(dir);
        Path pgdata = Path.of(vars.get("PGDATA"));
        Files.writeString(dev.pgctl.bootstrap.DataDir.restoreMarker(pgdata), "");
        same(vars, new FakeProc().program("pg_isready", FakeProc.failed(2, "no response")), 0, "starting");
    }

    @Test
    void aFailureOfItsOwnIsReportedAsPicocliWould() throws Exception {
        FakeProc proc = new FakeProc().answer(cmd -> true, null); // a null result: pgctl's bug path, not a stack trace
        InProcess.Run direct = InProcess.run(InProcess.vars(dir), proc, "health");
        InProcess.Run picocli = InProcess.runWholeTree(InProcess.vars(dir), proc, "health");
        assertEquals(picocli, direct);
        assertEquals(1, direct.exitCode());
        assertTrue(direct.stderr().contains("this is a bug in pgctl"), direct.all());
        assertTrue(List.of(direct.stdout().split("\n")).stream().noneMatch(l -> l.startsWith("\tat ")), direct.all());
    }
}
