package dev.pgctl.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresTest {
    @Test
    void systemIdFromPgControldata() {
        assertEquals(Optional.of("7441234567890123456"), Postgres.systemIdOf(
                "pg_control version number:            1800\nCatalog version number:               202506291\n"
                        + "Database system identifier:           7441234567890123456\n"));
        assertEquals(Optional.empty(), Postgres.systemIdOf("garbage"));
    }
}
