package dev.pgctl.cmd;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the container's background services (the scheduler and the
 * after-start job) so that they never become children of the postmaster.
 *
 * <p>bootstrap runs before the entrypoint execs into postgres. A process it
 * starts is its child; when bootstrap exits, the child is re-parented to
 * PID 1, which this image makes an init (tini), never the postmaster. That
 * matters: PostgreSQL treats the death of an unknown child with a signal or
 * an exit code above 1 as a crash and restarts every session. Each service
 * gets its own session (setsid) and writes to the container's stdout, so its
 * lines appear in docker logs. These long-lived processes are the one place
 * pgctl does not use Commons Exec, whose stream pumps die with the JVM.
 */
final class Services {
    /** Keeps supercronic running; $1 is the crontab. */
    static final String SCHEDULER_LOOP = "while :; do supercronic -passthrough-logs \"$1\"; "
            + "echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) pgctl[scheduler] WARNING the backup scheduler stopped; restarting it in 10 s\"; "
            + "sleep 10; done";

    /**
     * Keeps pgctl monitor running, niced below PostgreSQL and pgBackRest so that a flood of scrapes never takes
     * their CPU. Its death (a crash, kill -9, OOM) is logged and it is back within 10 s; it is never the
     * postmaster's child.
     */
    static final String MONITOR_LOOP = "while :; do nice -n 10 pgctl monitor; "
            + "echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) pgctl[monitor] WARNING pgctl monitor stopped (exit $?); restarting it in 10 s\"; "
            + "sleep 10; done";

    private Services() {
    }

    /** True when a {@code pgctl monitor} process (the JVM, not its restart loop) runs in this container. */
    static boolean monitorRunning() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> isMonitor(Arrays.asList(a))).orElse(false));
    }

    /** The arguments of pgctl's JVM running {@code monitor}: {@code ... -jar .../pgctl.jar monitor}. */
    static boolean isMonitor(List<String> args) {
        int jar = args.indexOf("-jar");
        return jar >= 0 && jar + 2 < args.size() && args.get(jar + 1).endsWith("pgctl.jar")
                && args.get(jar + 2).equals("monitor");
    }

    /** True while the monitor's restart loop runs. */
    static boolean monitorLoopRunning() {
        return runningWithArgument("pgctl-monitor");
    }

    /** Present when bootstrap started pgctl monitor: status warns when it does not run. */
    static Path monitorExpected(Path runDir) {
        return runDir.resolve("monitor.expected");
    }

    /** Starts pgctl monitor under its restart loop, as postgres, in a session of its own. */
    static void startMonitor(boolean root, Path runDir) throws IOException {
        spawnDetached(root, true, List.of("sh", "-c", MONITOR_LOOP, "pgctl-monitor"));
        Files.writeString(monitorExpected(runDir), "pgctl monitor was started\n");
    }

    /** True when a supercronic process runs in this container. */
    static boolean schedulerRunning() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().map(c -> c.endsWith("/supercronic")).orElse(false)
                || p.info().commandLine().map(c -> c.startsWith("supercronic ")).orElse(false));
    }

    /** True while the scheduler's restart loop runs (it brings supercronic back within 10 s). */
    static boolean schedulerLoopRunning() {
        return runningWithArgument("pgctl-scheduler");
    }

    /** True while the after-start job (`pgctl after-start`) runs. */
    static boolean afterStartRunning() {
        return runningWithArgument("after-start");
    }

    private static boolean runningWithArgument(String arg) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> Arrays.asList(a).contains(arg)).orElse(false));
    }

    /** Present when bootstrap or enable-backups started the scheduler: the health check expects it to run. */
    static Path schedulerExpected(Path runDir) {
        return runDir.resolve("scheduler.expected");
    }

    /** Starts supercronic under its restart loop, as postgres. */
    static void startScheduler(boolean root, Path crontab, Path runDir) throws IOException {
        spawnDetached(root, true, List.of("sh", "-c", SCHEDULER_LOOP, "pgctl-scheduler", crontab.toString()));
        Files.writeString(schedulerExpected(runDir), "the backup scheduler was started\n");
    }

    static void spawnDetached(boolean root, boolean asPostgres, List<String> command) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        if (root && asPostgres) {
            argv.add("gosu");
            argv.add("postgres");
        }
        argv.addAll(command);
        new ProcessBuilder(argv)
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.INHERIT)
                .redirectError(Redirect.INHERIT)
                .start();
    }
}
