package dev.pgctl.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * The command a drill's heavy work runs under so that the production server keeps its speed: {@code nice -n 19}
 * (the lowest CPU priority) and {@code ionice -c 3} (idle I/O class: disk time only when nobody else wants it).
 * Both come with the Debian image (coreutils, util-linux); on Alpine they are BusyBox applets; one that is missing is
 * left out rather than failing the drill. Pure; tested in LowPriorityTest.
 */
public final class LowPriority {
    /** pgBackRest's --process-max for a drill's restore: one process, whatever PGBACKREST_PROCESS_MAX says. */
    public static final int PROCESS_MAX = 1;

    private LowPriority() {
    }

    public static List<String> prefix(boolean nice, boolean ionice) {
        List<String> p = new ArrayList<>();
        if (nice) {
            p.addAll(List.of("nice", "-n", "19"));
        }
        if (ionice) {
            p.addAll(List.of("ionice", "-c", "3"));
        }
        return p;
    }
}
