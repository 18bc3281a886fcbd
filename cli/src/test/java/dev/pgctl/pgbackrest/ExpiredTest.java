package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiredTest {
    /** pgBackRest's expire lines (2.60 with "repoN: ", older without; a colon before the labels in 1.x). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "P00   INFO: expire command begin 2.60.0 | nothing",
        "P00   INFO: repo1: expire full backup 20261121-010000F | backup set 20261121-010000F",
        "2026-12-02 18:36:50.100 P00   INFO: repo1: expire time-based backup 20261121-010000F | backup set 20261121-010000F",
        "P00   INFO: repo1: expire full backup set 20261121-010000F, 20261121-010000F_20261121-013000I, 20261121-010000F_20261121-020000D"
                + " | backup set 20261121-010000F (with 2 that depended on it)",
        "P00   INFO: expire full backup set: 20261121-010000F, 20261121-010000F_20261121-013000I | backup set 20261121-010000F (with 1 that depended on it)",
        "P00   INFO: repo1: expire diff backup 20261121-010000F_20261121-020000D | backup set 20261121-010000F_20261121-020000D",
        "P00   INFO: repo1: 18-1 remove archive, start = 000000010000000000000001, stop = 000000010000000000000005"
                + " | WAL 000000010000000000000001 to 000000010000000000000005",
        "P00   INFO: repo1: remove expired backup 20261121-010000F | nothing"})
    void describesWhatRetentionExpired(String line, String expected) {
        assertEquals(expected, Expired.parse(line).describe());
    }

    @org.junit.jupiter.api.Test
    void severalSetsAndArchiveRangesMakeOneLine() {
        String out = String.join("\n",
                "P00   INFO: repo1: expire full backup 20261120-010000F",
                "P00   INFO: repo1: expire full backup set 20261121-010000F, 20261121-010000F_20261121-013000I",
                "P00   INFO: repo1: 18-1 remove archive, start = 000000010000000000000003, stop = 000000010000000000000005",
                "P00   INFO: repo1: 18-1 remove archive, start = 000000010000000000000001, stop = 000000010000000000000002");
        assertEquals("backup set 20261120-010000F; backup set 20261121-010000F (with 1 that depended on it); "
                + "WAL 000000010000000000000001 to 000000010000000000000005", Expired.parse(out).describe());
    }
}
