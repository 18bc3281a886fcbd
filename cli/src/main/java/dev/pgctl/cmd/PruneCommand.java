package dev.pgctl.cmd;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.status.PruneText;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Applies the calendar retention (PGCTL_RETENTION, e.g. daily=7,weekly=4,monthly=12,yearly=2): "
                + "shows, backup by backup, keep or expire and the rule that keeps it, then expires the others with "
                + "pgbackrest expire --set and reads the repository again to prove it. The first full backup of each of "
                + "the most recent N days, ISO weeks, months and years (UTC) is kept, and always the newest full with "
                + "the backups taken after it (the point-in-time window). Runs after each scheduled backup when "
                + "PGCTL_RETENTION is set. Refused on a standby and while a restore drill runs."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  decided (--dry-run) or expired, and the repository shows it",
            "  1  the repository cannot be read or an expire failed (nothing more was expired)",
            "  3  PGCTL_RETENTION or the repository is not configured", "  5  this node is a standby",
            "  8  a restore drill runs: nothing was expired", "",
            "Examples:", "  docker exec <container> pgctl prune --dry-run", "  docker exec <container> pgctl prune",
            "  docker exec <container> pgctl prune --dry-run --json | jq -r '.verdicts[] | select(.keep | not) | .label'"})
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Decide and show; expire nothing.")
    boolean dryRun;

    @Mixin
    JsonOption json;

    private final Contexts contexts;

    public PruneCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        Context ctx = contexts.open("prune");
        Prune.Outcome o = new Prune(ctx).run(dryRun, ctx.out()::info);
        json.print(ctx.out(), Report.of(o, dryRun), () -> PruneText.render(o.policy(), o.verdicts(), o.expired(), dryRun));
        return ExitCodes.OK;
    }

    /** What --json prints: times as ISO strings (UTC). */
    record Report(String policy, boolean dryRun, List<Entry> verdicts, List<String> expired) {
        record Entry(String label, String type, String started, boolean keep, List<String> reasons,
                Optional<String> until) {
        }

        static Report of(Prune.Outcome o, boolean dryRun) {
            return new Report(o.policy(), dryRun, o.verdicts().stream().map(v -> new Entry(v.backup().label(),
                    v.backup().type(), v.backup().start().toString(), v.keep(), v.reasons(),
                    v.until().map(LocalDate::toString))).toList(), o.expired());
        }
    }
}
