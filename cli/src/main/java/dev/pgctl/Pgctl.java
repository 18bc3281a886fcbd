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
import java.util.List;
import java.util.Set;
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

    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CommandLine.HelpCommand.class);

    /** Subcommands that need the whole command tree (help lists it, completion describes it). */
    private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

    public static CommandLine commandLine() {
        return commandLine(Contexts.SYSTEM);
    }

    /** pgctl's command line, whose commands get their Context from {@code contexts} (tests pass their own). */
    public static CommandLine commandLine(Contexts contexts) {
        return commandLine(contexts, SUBCOMMANDS);
    }

    /**
     * The command line for running {@code args}: with only the subcommand they name, when they name one that
     * does not need the others. picocli builds the model of every registered command (options, mixins, argument
     * groups, the descriptions in options.properties) before it parses: about 200 ms of an interpreted JVM for
     * all of them, most of the time of a {@code pgctl status} or of the health check, which need one.
     * {@code --version} alone needs none. Anything else (no subcommand, another option first, an unknown name,
     * help, completion) gets all of them.
     */
    static CommandLine forArgs(Contexts contexts, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return commandLine(contexts, List.of());
        }
        if (args.length > 0 && !WHOLE_TREE.contains(args[0])) {
            for (Class<?> c : SUBCOMMANDS) {
                if (nameOf(c).equals(args[0])) {
                    return commandLine(contexts, List.of(c));
                }
            }
        }
        return commandLine(contexts, SUBCOMMANDS);
    }

    static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    private static CommandLine commandLine(Contexts contexts, List<Class<?>> subcommands) {
        CommandFactory factory = new CommandFactory(contexts);
        CommandLine cl = new CommandLine(new Pgctl(), factory);
        for (Class<?> c : subcommands) {
            cl.addSubcommand(nameOf(c), new CommandLine(c, factory));
        }
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
        System.exit(execute(Contexts.SYSTEM, args));
    }

    /**
     * Runs {@code args} as {@code pgctl} does. The image's HEALTHCHECK, {@code pgctl health} with nothing else,
     * runs without picocli: it takes no option, and building the root's and its model was a third of its time
     * (every 30 s in every container); the command and the error handler are the same ones picocli would call.
     * Anything else (its --help too) goes through picocli.
     */
    public static int execute(Contexts contexts, String... args) {
        if (args.length == 1 && args[0].equals(nameOf(HealthCommand.class))) {
            try {
                return new HealthCommand(contexts).call();
            } catch (RuntimeException e) {
                return report(e, contexts.out(args[0]));
            }
        }
        return forArgs(contexts, args).execute(args);
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
