package dev.pgctl.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.bootstrap.DataDir.State;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @TempDir
    Path tmp;

    @Test
    void missingAndEmptyDirectoriesAreEmpty() throws Exception {
        assertEquals(State.EMPTY, DataDir.inspect(tmp.resolve("nope"), "18").state());
        Files.createDirectory(tmp.resolve("d"));
        assertEquals(State.EMPTY, DataDir.inspect(tmp.resolve("d"), "18").state());
    }

    @Test
    void recognisesClustersAndWhatIsNotOne() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("d"));
        Files.writeString(d.resolve("notes.txt"), "x");
        assertEquals(State.NOT_A_CLUSTER, DataDir.inspect(d, "18").state());
        Files.writeString(d.resolve("PG_VERSION"), "18\n");
        assertEquals(State.INCOMPLETE, DataDir.inspect(d, "18").state());
        Files.createDirectories(d.resolve("global"));
        Files.writeString(d.resolve("global/pg_control"), "");
        assertEquals(State.CLUSTER, DataDir.inspect(d, "18").state());
        Files.writeString(d.resolve("PG_VERSION"), "17\n");
        assertEquals(new DataDir.Found(State.OTHER_VERSION, "17"), DataDir.inspect(d, "18"));
    }

    @Test
    void theRestoreMarkerWinsOverEverything() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("docker"));
        Files.writeString(DataDir.restoreMarker(d), "restore started");
        assertEquals(tmp.resolve(".docker.pgctl-restore"), DataDir.restoreMarker(d));
        assertEquals(State.INTERRUPTED_RESTORE, DataDir.inspect(d, "18").state());
    }

    @Test
    void theCloneMarkerMakesACompleteLookingCopyAnInterruptedClone() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("docker/global"));
        Files.writeString(d.getParent().resolve("PG_VERSION"), "18\n");
        Files.writeString(d.resolve("pg_control"), "");
        Path pgdata = d.getParent();
        assertEquals(State.CLUSTER, DataDir.inspect(pgdata, "18").state());
        Files.writeString(DataDir.cloneMarker(pgdata), "clone started");
        assertEquals(tmp.resolve(".docker.pgctl-clone"), DataDir.cloneMarker(pgdata));
        assertEquals(State.INTERRUPTED_CLONE, DataDir.inspect(pgdata, "18").state());
    }

    @Test
    void aRestoreRequestInsideAClusterAsksForAnInPlaceRestore() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("docker/global"));
        Path pgdata = d.getParent();
        Files.writeString(pgdata.resolve("PG_VERSION"), "18\n");
        Files.writeString(d.resolve("pg_control"), "");
        Files.writeString(DataDir.restoreRequest(pgdata), "--type=time\n");
        assertEquals(State.RESTORE_REQUESTED, DataDir.inspect(pgdata, "18").state());
        Files.writeString(DataDir.restoreMarker(pgdata), "restore started");
        assertEquals(State.INTERRUPTED_RESTORE, DataDir.inspect(pgdata, "18").state(), "the marker of a started restore wins");
    }
}
