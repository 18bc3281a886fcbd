package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixesTest {
    @Test
    void enableBackupsNamesTheContainerByItsHostNameOrAPlaceholder() {
        assertEquals("docker exec 3f2a9c1d0b7e pgctl enable-backups", Fixes.enableBackups("3f2a9c1d0b7e"));
        assertEquals("docker exec <container> pgctl enable-backups", Fixes.enableBackups(""));
        assertEquals("docker exec <container> pgctl enable-backups", Fixes.enableBackups("  "));
    }
}
