package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfFileTest {
    /** The rendered file is used only when it is exactly what the environment renders now. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "none             | MISSING",
        "'[global]\nx=1\n' | RENDERED",
        "'[global]\nx=2\n' | DIFFERS",
        "''               | DIFFERS"})
    void source(String onDisk, ConfFile.Source expected) {
        assertEquals(expected, ConfFile.source("[global]\nx=1\n", Optional.ofNullable(onDisk)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RENDERED | /etc/pgbackrest/pgbackrest.conf",
        "MISSING  | rendered from the environment (no /etc/pgbackrest/pgbackrest.conf in this container)",
        "DIFFERS  | rendered from the environment (/etc/pgbackrest/pgbackrest.conf differs from it; left as it is)"})
    void describe(ConfFile.Source source, String text) {
        assertEquals(text, ConfFile.describe(source, Path.of("/etc/pgbackrest/pgbackrest.conf")));
    }
}
