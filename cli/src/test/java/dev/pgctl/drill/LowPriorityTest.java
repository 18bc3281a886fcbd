package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LowPriorityTest {
    @Test
    void niceAndIoniceWhenThereLeftOutWhenMissing() {
        assertEquals(List.of("nice", "-n", "19", "ionice", "-c", "3"), LowPriority.prefix(true, true));
        assertEquals(List.of("nice", "-n", "19"), LowPriority.prefix(true, false));
        assertEquals(List.of("ionice", "-c", "3"), LowPriority.prefix(false, true));
        assertEquals(List.of(), LowPriority.prefix(false, false));
    }
}
