package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.notify.Alerts;
import dev.pgctl.notify.Condition;
import dev.pgctl.notify.Conditions;
import dev.pgctl.notify.Notifier;
import dev.pgctl.notify.NotifyState;
import dev.pgctl.notify.Webhook;
import dev.pgctl.pg.ReadyWal;
import dev.pgctl.pgbackrest.BackupRecord;
import dev.pgctl.pgbackrest.PruneRecord;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.ui.Out;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.Locale;

@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Alerts (PGCTL_NOTIFY_URL) and the heartbeat (PGCTL_NOTIFY_HEARTBEAT_URL).",
            "",
            "Without options: the alert conditions active now and what the webhook was last sent; nothing is sent. "
                    + "With --once: one evaluation, as the monitor runs one after every repository read (once a minute): each condition that "
                    + "started or ended is sent (firing, resolved), one that stays firing again after "
                    + "PGCTL_NOTIFY_REPEAT, and the heartbeat when it is due and WAL archiving is healthy. "
                    + "URLs are never printed."},
        subcommands = {NotifyCommand.Test.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  shown; --once: everything due was delivered", "  1  --once: a notification was not delivered "
                + "(it stays due)", "  3  --once: neither PGCTL_NOTIFY_URL nor PGCTL_NOTIFY_HEARTBEAT_URL is set",
            "", "Examples:", "  docker exec <container> pgctl notify", "  docker exec <container> pgctl notify --once",
            "  docker exec <container> pgctl notify test"})
public final class NotifyCommand implements Callable<Integer> {
    @Option(names = "--once", description = "Evaluate the conditions once and send what is due (alerts, heartbeat).")
    boolean once;

    private final Contexts contexts;

    public NotifyCommand(Contexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        Context ctx = contexts.open("notify");
        Out out = ctx.out();
        Notifier notifier = new Notifier(ctx.config(), Notifier.hostName(), out::info, out::warn, Clock.systemUTC());
        if (once && !notifier.enabled()) {
            throw new PgctlException(ExitCodes.CONFIG, notConfigured("there is nothing to send"));
        }
        Conditions.Facts facts = facts(ctx, Instant.now());
        if (!once) {
            List<Condition> active = Conditions.of(facts);
            show(out, active);
            NotifyState state = NotifyState.read(ctx.config().paths().runDir());
            for (Alerts.Entry e : state.alerts().entries().values()) {
                out.stdout().println("webhook: " + e.condition().id().wire() + " " + (e.resolved() ? "resolved (due)"
                        : e.sent().map(t -> "firing, last sent " + t).orElse("firing (due)")) + ", since " + e.since());
            }
            state.lastHeartbeat().ifPresent(t -> out.stdout().println("heartbeat: last delivered " + t));
            return ExitCodes.OK;
        }
        Notifier.Round round = notifier.evaluate(facts);
        show(out, round.active());
        if (round.due().isEmpty() && round.heartbeat().isEmpty()) {
            out.info("nothing was due");
        }
        return round.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void show(Out out, List<Condition> active) {
        if (active.isEmpty()) {
            out.stdout().println("no alert condition is active");
        }
        for (Condition c : active) {
            out.stdout().println(c.severity().wire().toUpperCase(Locale.ROOT) + " " + c.id().wire() + ": "
                    + c.message());
            out.stdout().println("  fix: " + c.fix());
        }
    }

    /**
     * The facts the conditions are judged on, gathered as {@code pgctl status} gathers them, plus the WAL waiting
     * in pg_wal and pgctl's backup record. The monitor gathers the same.
     */
    static Conditions.Facts facts(Context ctx, Instant now) {
        return facts(ctx, now, ctx.pgbackrest()::info);
    }

    /** The same, with the repository's answer given (the monitor hands over the read it just made). */
    static Conditions.Facts facts(Context ctx, Instant now, Supplier<InfoResult> repository) {
        Config c = ctx.config();
        return new Conditions.Facts(now, StatusCommand.gather(ctx, repository).facts(),
                Duration.ofSeconds(c.archiveTimeoutSeconds()), c.schedules(), ReadyWal.read(c.postgres().pgdata()),
                BackupRecord.read(c.paths().runDir()), PruneRecord.read(c.paths().runDir()));
    }

    static Problem notConfigured(String why) {
        return Problem.of(Notifier.URL_VARIABLE, "is not set, nor " + Notifier.HEARTBEAT_VARIABLE, why,
                Notifier.URL_VARIABLE + "_FILE=/run/secrets/notify-url   # holding the webhook's URL",
                Notifier.HEARTBEAT_VARIABLE + "_FILE=/run/secrets/heartbeat-url");
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Sends a test alert (condition 'test', severity 'info') to PGCTL_NOTIFY_URL and a heartbeat "
                    + "to PGCTL_NOTIFY_HEARTBEAT_URL, each where it is set, and reports the HTTP outcome. URLs are never "
                    + "printed."},
            footerHeading = "%nExit codes:%n",
            footer = {"  0  delivered (HTTP 2xx)", "  1  not delivered (the line says why)",
                "  3  neither PGCTL_NOTIFY_URL nor PGCTL_NOTIFY_HEARTBEAT_URL is set"})
    static final class Test implements Callable<Integer> {
        private final Contexts contexts;

        Test(Contexts contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            Context ctx = contexts.open("notify");
            Out out = ctx.out();
            Notifier notifier = new Notifier(ctx.config(), Notifier.hostName(), out::info, out::warn, Clock.systemUTC());
            if (!notifier.enabled()) {
                throw new PgctlException(ExitCodes.CONFIG, notConfigured("pgctl notify test sends to them"));
            }
            Notifier.Test t = notifier.test();
            boolean ok = say(out, Notifier.URL_VARIABLE, "test alert", t.alert());
            ok &= say(out, Notifier.HEARTBEAT_VARIABLE, "heartbeat", t.heartbeat());
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        }

        private static boolean say(Out out, String variable, String what, Optional<Webhook.Result> r) {
            if (r.isEmpty()) {
                out.info(variable + ": not set, no " + what + " sent");
                return true;
            }
            if (r.get().delivered()) {
                out.info(variable + ": " + what + " delivered (" + r.get().outcome() + ")");
            } else {
                out.error(variable + ": " + what + " not delivered: " + r.get().outcome());
            }
            return r.get().delivered();
        }
    }
}
