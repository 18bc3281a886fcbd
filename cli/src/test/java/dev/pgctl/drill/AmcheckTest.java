package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.DrillSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmcheckTest {
    private static final String S = Amcheck.SEPARATOR;

    @Test
    void countsAndCorruptRelationsAreReadFromTheSummary() {
        Amcheck.Result r = Amcheck.parse("shop", DrillSettings.Amcheck.ALL, "checked" + S + "64" + S + "131" + S + "1\n"
                + "corrupt" + S + "orders_pkey" + S + "index \"orders_pkey\" lacks a main relation tuple" + S + "\n");
        assertEquals(new Amcheck.Counts("all", 64, 131, 1), r.counts());
        assertEquals(List.of("amcheck: shop: orders_pkey: index \"orders_pkey\" lacks a main relation tuple"), r.problems());
    }

    @Test
    void aCleanDatabaseHasNoProblemAndCountsAddUp() {
        Amcheck.Result r = Amcheck.parse("postgres", DrillSettings.Amcheck.SAMPLE, "checked" + S + "60" + S + "40" + S + "0\n");
        assertEquals(List.of(), r.problems());
        assertEquals(new Amcheck.Counts("sample", 61, 42, 0), r.counts().plus(new Amcheck.Counts("sample", 1, 2, 0)));
    }

    @Test
    void outputWithoutASummaryIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Amcheck.parse("db", DrillSettings.Amcheck.ALL, "\n"));
    }

    @Test
    void sampleLimitsEachDatabaseAndAllDoesNot() {
        assertTrue(Amcheck.statement(DrillSettings.Amcheck.SAMPLE).contains("limit " + DrillSettings.SAMPLE + "\n"));
        String all = Amcheck.statement(DrillSettings.Amcheck.ALL);
        assertFalse(all.contains("LIMIT"), all);
        assertTrue(all.contains("verify_heapam(r.oid, check_toast => true)"), all);
        assertTrue(all.contains("bt_index_parent_check(r.oid, heapallindexed => true)"), all);
    }
}
