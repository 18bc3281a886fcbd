package dev.pgctl.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs external programs (pgbackrest, psql, pg_ctl, openssl) through Apache
 * Commons Exec with a timeout and captured output. When pgctl runs as root,
 * commands marked {@link Spec#asPostgres()} are run through gosu as postgres,
 * so that files pgBackRest and PostgreSQL create are never owned by root.
 *
 * <p>The environment of a child is this process's environment without
 * {@code PGBACKREST_*_FILE} variables (pgBackRest would warn about them as
 * unknown options; pgctl has already read them into pgbackrest.conf), except
 * when the child is pgctl itself: it reads its configuration from the same
 * environment, and without {@code PGBACKREST_REPO1_STORAGE_CA_FILE} or a
 * secret given as {@code *_FILE} it renders another pgbackrest.conf than
 * bootstrap did (the WAL guard's full backup then failed certificate checks).
 */
public class Proc {

    /** What to run. {@code lines} receives output lines as they arrive (progress), if set. */
    public record Spec(List<String> command, Duration timeout, boolean runAsPostgres, Optional<String> stdin,
            Map<String, String> extraEnv, Optional<Consumer<String>> lines) {
        public Spec {
            command = List.copyOf(command);
            extraEnv = Map.copyOf(extraEnv);
        }

        public static Spec of(Duration timeout, String... command) {
            return new Spec(List.of(command), timeout, false, Optional.empty(), Map.of(), Optional.empty());
        }

        public Spec asPostgres() {
            return new Spec(command, timeout, true, stdin, extraEnv, lines);
        }

        public Spec stdin(String input) {
            return new Spec(command, timeout, runAsPostgres, Optional.of(input), extraEnv, lines);
        }

        public Spec streaming(Consumer<String> sink) {
            return new Spec(command, timeout, runAsPostgres, stdin, extraEnv, Optional.of(sink));
        }
    }

    /** Exit code 124 is reported for a timeout, like timeout(1). */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** stderr, or stdout when stderr is empty: the text to show when it failed. */
        public String diagnostic() {
            String s = stderr.isBlank() ? stdout : stderr;
            return s.strip();
        }
    }

    private final boolean root;

    public Proc() {
        this("root".equals(System.getProperty("user.name")));
    }

    protected Proc(boolean root) {
        this.root = root;
    }

    public boolean isRoot() {
        return root;
    }

    public Result run(Spec spec) {
        List<String> argv = new ArrayList<>();
        if (spec.runAsPostgres() && root) {
            argv.add("gosu");
            argv.add("postgres");
        }
        argv.addAll(spec.command());
        CommandLine cl = new CommandLine(argv.get(0));
        for (String a : argv.subList(1, argv.size())) {
            cl.addArgument(a, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream outSink = out;
        OutputStream errSink = err;
        if (spec.lines().isPresent()) {
            outSink = new Tee(out, spec.lines().get());
            errSink = new Tee(err, spec.lines().get());
        }
        PumpStreamHandler streams = spec.stdin().isPresent()
                ? new PumpStreamHandler(outSink, errSink,
                        new ByteArrayInputStream(spec.stdin().get().getBytes(StandardCharsets.UTF_8)))
                : new PumpStreamHandler(outSink, errSink);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(spec.timeout()).get();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(streams).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int code;
        try {
            code = executor.execute(cl, childEnv(System.getenv(), spec.command(), spec.extraEnv()));
        } catch (ExecuteException e) {
            code = e.getExitValue();
        } catch (IOException e) {
            return new Result(127, "", argv.get(0) + ": " + e.getMessage(), false);
        }
        flush(outSink);
        flush(errSink);
        boolean timedOut = watchdog.killedProcess();
        return new Result(timedOut ? 124 : code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), timedOut);
    }

    /** The environment of a child running {@code command}: {@code base} as described above, then {@code extra}. Pure. */
    static Map<String, String> childEnv(Map<String, String> base, List<String> command, Map<String, String> extra) {
        Map<String, String> env = new TreeMap<>(base);
        if (!isPgctl(command)) {
            env.keySet().removeIf(k -> k.startsWith("PGBACKREST_") && k.endsWith("_FILE"));
        }
        env.putAll(extra);
        return env;
    }

    private static boolean isPgctl(List<String> command) {
        return !command.isEmpty() && (command.get(0).equals("pgctl") || command.get(0).endsWith("/pgctl"));
    }

    private static void flush(OutputStream s) {
        try {
            s.flush();
        } catch (IOException ignored) {
            // in-memory streams
        }
    }

    /** Keeps the bytes and hands each complete line to a sink. */
    private static final class Tee extends OutputStream {
        private final ByteArrayOutputStream copy;
        private final LogOutputStream lines;

        Tee(ByteArrayOutputStream copy, Consumer<String> sink) {
            this.copy = copy;
            this.lines = new LogOutputStream() {
                @Override
                protected void processLine(String line, int level) {
                    sink.accept(line);
                }
            };
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            lines.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            copy.write(b, off, len);
            lines.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            lines.flush();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
