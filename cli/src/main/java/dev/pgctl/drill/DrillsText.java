package dev.pgctl.drill;

import dev.pgctl.text.SafeText;
import dev.pgctl.ui.Units;
import java.util.List;
import java.util.Locale;

/** {@code pgctl drills} and status's drill line for people. Pure; tested in DrillsTextTest. */
public final class DrillsText {
    private DrillsText() {
    }

    /** One line per drill, newest first, with the first failure of each under it. */
    public static String table(List<DrillRecord> newestFirst, String resultsDir) {
        if (newestFirst.isEmpty()) {
            return "no drill recorded in " + resultsDir + " yet\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-20s %-7s %-34s %8s %10s %-22s %-14s %s%n", "STARTED", "RESULT", "BACKUP",
                "RTO", "SIZE", "CHECKSUMS", "AMCHECK", "QUERIES"));
        for (DrillRecord r : newestFirst) {
            sb.append(String.format(Locale.ROOT, "%-20s %-7s %-34s %8s %10s %-22s %-14s %s", r.started().replaceAll("\\.\\d+Z$", "Z"),
                    r.result(), r.backup().orElse("-"), r.ran() ? (r.restoreSeconds() + r.recoverySeconds()) + " s" : "-",
                    r.sizeBytes().map(Units::bytes).orElse("-"),
                    r.checksumBlocks().map(b -> b + " pages, " + r.checksumFailures().orElse(0L) + " bad").orElse("-"),
                    r.amcheck().map(a -> (a.heapChecked() + a.btreeChecked()) + ", " + a.corrupt() + " bad").orElse("-"),
                    r.queries().map(q -> q.passed() + "/" + q.run()).orElse("-")).stripTrailing()).append('\n');
            r.failures().stream().limit(3).forEach(f -> sb.append("    ").append(SafeText.visible(f)).append('\n'));
        }
        return sb.toString();
    }

    /** status: the last drill in one line. */
    public static String line(DrillRecord r) {
        String when = r.started().replaceAll("\\.\\d+Z$", "Z");
        return switch (r.result()) {
            case DrillRecord.PASSED -> "passed " + when + ": " + r.backup().orElse("?") + ", RTO "
                    + (r.restoreSeconds() + r.recoverySeconds()) + " s (restore " + r.restoreSeconds() + " s, recovery "
                    + r.recoverySeconds() + " s)" + r.amcheck().map(a -> ", amcheck " + (a.heapChecked() + a.btreeChecked())
                    + " relations").orElse("") + r.queries().map(q -> ", queries " + q.passed() + "/" + q.run()).orElse("");
            default -> r.result() + " " + when + (r.failures().isEmpty() ? "" : ": " + SafeText.visible(r.failures().get(0)));
        };
    }
}
