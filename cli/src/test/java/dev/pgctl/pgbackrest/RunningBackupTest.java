package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunningBackupTest {
    @Test
    void findsTheBackupCommandOfTheStanzaAndItsType() {
        assertEquals(Optional.of(new RunningBackup(42, Optional.of("full"))), RunningBackup.parse(42,
                "pgbackrest --config=/etc/pgbackrest/pgbackrest.conf --stanza=main backup --type=full "
                        + "--annotation=pgctl-label=x", "main"));
        assertEquals(Optional.of(new RunningBackup(7, Optional.empty())),
                RunningBackup.parse(7, "/usr/bin/pgbackrest --stanza=main backup", "main"), "no type: pgBackRest's default");
        assertEquals("full backup, pid 42", new RunningBackup(42, Optional.of("full")).describe());
        assertEquals("backup, pid 7", new RunningBackup(7, Optional.empty()).describe());
    }

    @Test
    void ignoresWorkersOtherCommandsOtherStanzasAndOtherPrograms() {
        assertEquals(Optional.empty(), RunningBackup.parse(1, "pgbackrest --stanza=main --process=1 backup:local", "main"));
        assertEquals(Optional.empty(), RunningBackup.parse(1, "pgbackrest --stanza=main archive-push:async", "main"));
        assertEquals(Optional.empty(), RunningBackup.parse(1, "pgbackrest --stanza=main info", "main"));
        assertEquals(Optional.empty(), RunningBackup.parse(1, "pgbackrest --stanza=other backup --type=full", "main"));
        assertEquals(Optional.empty(), RunningBackup.parse(1, "java -jar pgctl.jar backup full", "main"));
        assertEquals(Optional.empty(), RunningBackup.parse(1, "flock /tmp/pgbackrest/main-backup-1.lock sleep 25", "main"));
    }
}
