package dev.pgctl.drill;

import dev.pgctl.exec.Proc.Result;
import dev.pgctl.text.SafeText;
import java.util.Optional;

/** The verdict on one of the user's sanity queries (PGCTL_DRILL_SQL). Pure; table-tested in SanityCheckTest. */
public final class SanityCheck {
    /** How much of a query a failure names. */
    static final int SHOWN = 80;

    private SanityCheck() {
    }

    /**
     * Why the query failed, or empty when it passed: it must return exactly one row of one value, and that value
     * must be true.
     *
     * @param r psql's result with {@code -A -t} (unaligned, tuples only): one line per row
     */
    public static Optional<String> failure(Result r) {
        if (!r.ok()) {
            return Optional.of("error: " + SafeText.visible(shorten(r.diagnostic().strip(), 200)));
        }
        String out = r.stdout().strip();
        if (out.isEmpty()) {
            return Optional.of("no row");
        }
        if (out.lines().count() > 1) {
            return Optional.of(out.lines().count() + " rows (one is expected)");
        }
        if (out.contains("|")) {
            return Optional.of("more than one column (one true value is expected)");
        }
        return out.equals("t") ? Optional.empty() : Optional.of("returned " + SafeText.visible(shorten(out, 40))
                + ", not true");
    }

    /** The query as a failure names it: on one line, control characters escaped, at most {@link #SHOWN} characters. */
    public static String shown(String query) {
        return SafeText.visible(shorten(query.strip().replaceAll("\\s+", " "), SHOWN));
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
