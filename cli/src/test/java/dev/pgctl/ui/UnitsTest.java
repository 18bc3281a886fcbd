package dev.pgctl.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({
        "0,             0 B",
        "512,           512 B",
        "1023,          1023 B",
        "1024,          1.0 KiB",
        "1536,          1.5 KiB",
        "1288490189,    1.2 GiB",
        "3298534883328, 3.0 TiB",
        // past TiB it stays in TiB
        "3377699720527872, 3072.0 TiB"})
    void bytes(long b, String expected) {
        assertEquals(expected, Units.bytes(b));
    }

    @ParameterizedTest(name = "{0} s: {1}")
    @CsvSource({
        "0,      0 s",
        "59,     59 s",
        "119,    119 s",
        "120,    2 min",
        "300,    5 min",
        "7199,   119 min",
        "7200,   2 h",
        "172799, 47 h",
        "172800, 2 days",
        "259200, 3 days"})
    void ages(long seconds, String expected) {
        assertEquals(expected, Units.age(seconds));
    }
}
