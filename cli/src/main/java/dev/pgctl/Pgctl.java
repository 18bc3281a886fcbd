package dev.pgctl;

import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.cmd.AfterStartCommand;
import dev.pgctl.cmd.BackupCommand;
import dev.pgctl.cmd.BackupsCommand;
import dev.pgctl.cmd.BootstrapCommand;
import dev.pgctl.cmd.CheckCommand;
import dev.pgctl.cmd.CommandFactory;
import dev.pgctl.cmd.CompletionCommand;
import dev.pgctl.cmd.DrillCommand;
import dev.pgctl.cmd.DrillsCommand;
import dev.pgctl.cmd.PruneCommand;
import dev.pgctl.cmd.Contexts;
import dev.pgctl.cmd.EnableBackupsCommand;
import dev.pgctl.cmd.HealthCommand;
import dev.pgctl.cmd.NotifyCommand;
import dev.pgctl.cmd.MetricsCommand;
import dev.pgctl.cmd.MonitorCommand;
import dev.pgctl.cmd.ReplicaCommand;
import dev.pgctl.cmd.RestoreCommand;
import dev.pgctl.cmd.SslCommand;
import dev.pgctl.cmd.StatusCommand;
import dev.pgctl.problem.Problem;
import dev.pgctl.ui.Out;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "pgctl",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.pgctl.cmd.options",
        versionProvider = Pgctl.Version.class,
        description = {
            "Backs up, restores and bootstraps the PostgreSQL 18 server of this container with pgBackRest and S3.",
            "",
            "Every setting comes from environment variables (see the README's environment table); "
                    + "cron, the container's entrypoint and people all use these same commands."},
        subcommands = {
            BootstrapCommand.class,
            StatusCommand.class,
            BackupCommand.class,
            BackupsCommand.class,
            RestoreCommand.class,
            DrillCommand.class,
            DrillsCommand.class,
            PruneCommand.class,
            CheckCommand.class,
            SslCommand.class,
            ReplicaCommand.class,
            EnableBackupsCommand.class,
            HealthCommand.class,
            NotifyCommand.class,
            MetricsCommand.class,
            MonitorCommand.class,
            CompletionCommand.class,
            AfterStartCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done (scheduled jobs: or cleanly skipped)",
            "  1  the operation failed",
            "  2  wrong command line",
            "  3  invalid configuration: nothing was changed",
            "  4  refused to protect data: nothing was changed",
            "  5  not possible on a standby",
            "  6  not available in this version",
            "  7  a check found a problem",
            "  8  busy: another backup (or drill) is running; nothing was done",
            "",
            "Examples:",
            "  docker exec <container> pgctl status",
            "  docker exec <container> pgctl backup full --label before-upgrade"})
public final class Pgctl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        return commandLine(Contexts.SYSTEM);
    }

    /** pgctl's command line, whose commands get their Context from {@code contexts} (tests pass their own). */
    public static CommandLine commandLine(Contexts contexts) {
        CommandLine cl = new CommandLine(new Pgctl(), new CommandFactory(contexts));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(ex, contexts.out(cmd.getCommandName())));
        return cl;
    }

    /**
     * The one place errors are shown: a PgctlException as its guided problems with its exit code, anything
     * else as one line (never a Java stack trace) with exit 1.
     */
    public static int report(Throwable ex, Out out) {
        if (ex instanceof PgctlException p) {
            if (p.problems().isEmpty()) {
                out.error(p.getMessage());
            }
            for (Problem problem : p.problems()) {
                out.problem(problem);
            }
            return p.exitCode();
        }
        out.error(ex.getClass().getSimpleName() + ": " + ex.getMessage()
                + "\nthis is a bug in pgctl; the lines above show what it was doing");
        return ExitCodes.FAILED;
    }

    public static void main(String[] args) {
        // a failure in a helper thread (progress, output pumps) is reported the same way, never as a stack trace
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> report(e, Out.system(t.getName())));
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar manifest, and the pgBackRest it drives. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Pgctl.class.getPackage().getImplementationVersion();
            return new String[] {"pgctl " + (v == null ? "development" : v)};
        }
    }
}
