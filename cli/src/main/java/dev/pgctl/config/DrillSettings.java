package dev.pgctl.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Restore drills (PGCTL_DRILL_*).
 *
 * @param schedule cron expression of the scheduled drill; empty when off
 * @param dir      where a scheduled drill restores (one new subdirectory per drill)
 * @param results  where each drill's result is kept (one JSON file each)
 * @param queries  the user's sanity queries, in order; each must return one row whose value is true
 * @param database the database the queries run in
 * @param amcheck  which relations amcheck verifies
 */
public record DrillSettings(Optional<String> schedule, Path dir, Path results, List<String> queries, String database,
        Amcheck amcheck) {
    /** How many results are kept: the oldest beyond this many are removed after each drill. */
    public static final int KEEP = 30;
    /** PGCTL_DRILL_AMCHECK=sample checks this many relations of each database, the largest first. */
    public static final int SAMPLE = 100;

    public DrillSettings {
        queries = List.copyOf(queries);
    }

    public enum Amcheck { ALL, SAMPLE, OFF }

    /**
     * The queries of PGCTL_DRILL_SQL: one a line, without blank lines and {@code --} comment lines; a trailing
     * {@code ;} is dropped (psql runs each one alone).
     */
    public static List<String> queries(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--"))
                .map(l -> l.endsWith(";") ? l.substring(0, l.length() - 1).strip() : l).filter(l -> !l.isEmpty()).toList();
    }
}
