package dev.pgctl.cmd;

import dev.pgctl.drill.DrillRecord;
import dev.pgctl.drill.DrillResults;
import dev.pgctl.drill.DrillsText;
import dev.pgctl.problem.ExitCodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drills", mixinStandardHelpOptions = true,
        description = {"Lists the restore drills kept in PGCTL_DRILL_RESULTS, newest first: when, passed, failed or "
                + "skipped, the backup, the measured RTO (restore + recovery), size, page checksums, amcheck and "
                + "sanity queries, and what failed."},
        footer = {"", "Examples:", "  docker exec <container> pgctl drills", "  docker exec <container> pgctl drills --last 1 --json"})
public final class DrillsCommand implements Callable<Integer> {
    @Option(names = "--last", paramLabel = "N", defaultValue = "10", description = "Show the last N drills (default: ${DEFAULT-VALUE}).")
    int last;

    @Mixin
    JsonOption json;

    private final Contexts contexts;

    public DrillsCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        Context ctx = contexts.open("drills");
        DrillResults results = new DrillResults(ctx.config().drill().results());
        List<DrillRecord> all = new ArrayList<>(results.all());
        Collections.reverse(all);
        List<DrillRecord> shown = all.subList(0, Math.min(Math.max(last, 0), all.size()));
        json.print(ctx.out(), shown, () -> DrillsText.table(shown, results.dir().toString()));
        return ExitCodes.OK;
    }
}
