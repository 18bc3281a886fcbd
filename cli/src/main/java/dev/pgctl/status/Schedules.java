package dev.pgctl.status;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.pgctl.config.Config;
import dev.pgctl.render.Crontab;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The backup schedules with the next run of each, as {@code pgctl status} and {@code pgctl backups} show them. */
public final class Schedules {
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Schedules() {
    }

    /** Each schedule with its next run after now. */
    public static List<StatusReport.Schedule> of(Config c) {
        return of(c, Instant.now());
    }

    /** The next run of each schedule after {@code now}, read in the crontab's zone (UTC), as an ISO instant. Pure. */
    public static List<StatusReport.Schedule> of(Config c, Instant now) {
        List<StatusReport.Schedule> out = new ArrayList<>();
        record S(String type, Optional<String> cron) {
        }
        for (S s : List.of(new S("full", c.schedules().full()), new S("diff", c.schedules().diff()),
                new S("incr", c.schedules().incr()))) {
            out.add(new StatusReport.Schedule(s.type(), s.cron(),
                    s.cron().flatMap(expr -> nextRun(expr, now)).map(Instant::toString)));
        }
        // a second repository's own schedules, as "repo2 full" (README "Second repository")
        c.repo2().ifPresent(r -> {
            for (S s : List.of(new S("repo2 full", r.schedules().full()), new S("repo2 diff", r.schedules().diff()),
                    new S("repo2 incr", r.schedules().incr()))) {
                out.add(new StatusReport.Schedule(s.type(), s.cron(),
                        s.cron().flatMap(expr -> nextRun(expr, now)).map(Instant::toString)));
            }
        });
        return out;
    }

    /** When supercronic last started this schedule before {@code before} (same zone as {@link #nextRun}). */
    public static Optional<Instant> lastRun(String expr, Instant before) {
        return ExecutionTime.forCron(CRON.parse(expr)).lastExecution(before.atZone(Crontab.ZONE))
                .map(t -> t.truncatedTo(ChronoUnit.SECONDS).toInstant());
    }

    /** The drill schedule (PGCTL_DRILL_SCHEDULE) with its next run, as status lists it after the backups'. */
    public static StatusReport.Schedule drill(Config c, Instant now) {
        return new StatusReport.Schedule("drill", c.drill().schedule(),
                c.drill().schedule().flatMap(expr -> nextRun(expr, now)).map(Instant::toString));
    }

    /** When supercronic runs this schedule next: the crontab sets CRON_TZ to {@link Crontab#ZONE}. */
    public static Optional<Instant> nextRun(String expr, Instant now) {
        return ExecutionTime.forCron(CRON.parse(expr)).nextExecution(now.atZone(Crontab.ZONE))
                .map(t -> t.truncatedTo(ChronoUnit.SECONDS).toInstant());
    }
}
