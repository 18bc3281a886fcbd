package dev.pgctl.status;

import dev.pgctl.retention.CalendarRetention.Verdict;
import java.util.List;
import java.util.Locale;

/** Renders pgctl prune's verdicts for people: backup by backup, keep or expire and why. Pure. */
public final class PruneText {
    private PruneText() {
    }

    /**
     * @param policy   PGCTL_RETENTION as written
     * @param verdicts oldest first
     * @param expired  the sets expired (empty on a dry run)
     */
    public static String render(String policy, List<Verdict> verdicts, List<String> expired, boolean dryRun) {
        StringBuilder sb = new StringBuilder();
        sb.append("retention ").append(policy).append(" (PGCTL_RETENTION)").append('\n');
        if (verdicts.isEmpty()) {
            return sb.append("no backup in the repository\n").toString();
        }
        sb.append(String.format(Locale.ROOT, "%-34s %-5s %-20s %-7s %s%n", "LABEL", "TYPE", "STARTED", "VERDICT", "WHY"));
        for (Verdict v : verdicts) {
            sb.append(String.format(Locale.ROOT, "%-34s %-5s %-20s %-7s %s%n", v.backup().label(), v.backup().type(),
                    v.backup().start().toString(), v.keep() ? "keep" : "expire", String.join("; ", v.reasons())));
        }
        long going = verdicts.stream().filter(v -> !v.keep()).count();
        if (dryRun) {
            sb.append("dry run: ").append(going == 0 ? "nothing would expire" : "would expire " + going
                    + " backup" + (going == 1 ? "" : "s") + " (pgctl prune expires them)").append('\n');
        } else {
            sb.append(expired.isEmpty() ? "nothing to expire" : "expired " + String.join(", ", expired)
                    + " (with the backups that depended on them)").append('\n');
        }
        return sb.toString();
    }
}
