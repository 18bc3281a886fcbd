package dev.pgctl.drill;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * How often a drill schedule runs, and whether drills are overdue. Pure (cron-utils, as status's next runs);
 * table-tested in DrillPeriodTest.
 */
public final class DrillPeriod {
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** The runs looked at: enough for a weekly schedule's uneven gaps to show ("0 4 * * 1,3"). */
    private static final int RUNS = 15;

    private DrillPeriod() {
    }

    /** The longest gap between two consecutive runs of {@code cron} after {@code now} (in {@code zone}). */
    public static Duration of(String cron, Instant now, ZoneId zone) {
        ExecutionTime t = ExecutionTime.forCron(CRON.parse(cron));
        Optional<ZonedDateTime> prev = t.nextExecution(now.atZone(zone));
        Duration longest = Duration.ZERO;
        for (int i = 0; i < RUNS && prev.isPresent(); i++) {
            Optional<ZonedDateTime> next = t.nextExecution(prev.get());
            if (next.isEmpty()) {
                break;
            }
            Duration gap = Duration.between(prev.get(), next.get());
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            prev = next;
        }
        return longest;
    }

    /**
     * Overdue: no drill passed within twice the schedule's period. Counted from the last drill that passed, or,
     * when none has, from the first drill recorded (skipped or failed); with no drill recorded at all it cannot
     * say since when the schedule exists, and says nothing.
     */
    public static boolean overdue(Duration period, Optional<Instant> lastPassed, Optional<Instant> firstRecorded,
            Instant now) {
        Optional<Instant> since = lastPassed.or(() -> firstRecorded);
        return since.isPresent() && Duration.between(since.get(), now).compareTo(period.multipliedBy(2)) > 0;
    }
}
