package dev.pgctl.cmd;

import dev.pgctl.Pgctl;
import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.FakeProc;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.render.PgBackRestConf;
import dev.pgctl.ui.Out;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a pgctl command line in this JVM, as {@code pgctl} would ({@link Pgctl#execute}: the same picocli model,
 * factory and error handler), on a Config built from {@code vars} and a {@link FakeProc}: what it printed, and its exit code.
 */
final class InProcess {
    /** A repository, PGDATA and run directory under {@code dir}: enough for the commands that need one. */
    static Map<String, String> vars(Path dir, String... more) {
        Map<String, String> vars = new HashMap<>(Map.of(
                "PGBACKREST_REPO1_S3_BUCKET", "my-backups",
                "PGBACKREST_REPO1_S3_ENDPOINT", "s3.example.com",
                "PGBACKREST_REPO1_S3_KEY", "AKIA",
                "PGBACKREST_REPO1_S3_KEY_SECRET", "top-secret",
                "PGDATA", dir.resolve("pgdata").toString(),
                "PGCTL_RUN_DIR", dir.resolve("run").toString()));
        for (int i = 0; i < more.length; i += 2) {
            vars.put(more[i], more[i + 1]);
        }
        try {
            Files.createDirectories(dir.resolve("pgdata"));
            Files.createDirectories(dir.resolve("run"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vars;
    }

    record Run(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    static Run run(Map<String, String> vars, FakeProc proc, String... args) throws ConfigLoader.InvalidConfig {
        return run(vars, Out.Format.TEXT, proc, args);
    }

    /**
     * A running container's files, as far as pgBackRest's configuration goes: bootstrap rendered pgbackrest.conf
     * at PGBACKREST_CONFIG from this same environment (so the commands use that path).
     */
    static ConfFile.Disk rendered(Config config) {
        return new ConfFile.Disk() {
            @Override
            public Optional<String> read(Path file) {
                return file.equals(config.paths().pgbackrestConf()) ? Optional.of(PgBackRestConf.render(config)) : Optional.empty();
            }

            @Override
            public Path writePrivate(String content) {
                throw new AssertionError("a private pgbackrest.conf where the rendered one matches");
            }

            @Override
            public void remove(Path file) {
                throw new AssertionError("nothing to remove");
            }
        };
    }

    /** The same, with log lines in {@code format} (PGCTL_LOG_FORMAT). */
    static Run run(Map<String, String> vars, Out.Format format, FakeProc proc, String... args)
            throws ConfigLoader.InvalidConfig {
        return run(vars, format, proc, InProcess::rendered, args);
    }

    /** The same, with pgBackRest's configuration files through {@code disk} (made from the Config). */
    static Run run(Map<String, String> vars, Out.Format format, FakeProc proc,
            Function<Config, ConfFile.Disk> disk, String... args) throws ConfigLoader.InvalidConfig {
        return captured(vars, format, proc, disk, false, args);
    }

    private static Run captured(Map<String, String> vars, Out.Format format, FakeProc proc,
            Function<Config, ConfFile.Disk> disk, boolean wholeTree, String... args) throws ConfigLoader.InvalidConfig {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(vars, new Out.Mode(false, false, false, format), out, err, proc, disk, wholeTree, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * On a terminal of {@code mode}: stdout and stderr are the same device, so both go to one stream, in the order
     * written, which {@link Run#stdout} holds (stderr is empty).
     */
    static Run onTerminal(Map<String, String> vars, Out.Mode mode, FakeProc proc, String... args)
            throws ConfigLoader.InvalidConfig {
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        int code = run(vars, mode, tty, tty, proc, InProcess::rendered, false, args);
        return new Run(code, tty.toString(StandardCharsets.UTF_8), "");
    }

    private static int run(Map<String, String> vars, Out.Mode mode, ByteArrayOutputStream out, ByteArrayOutputStream err,
            FakeProc proc, Function<Config, ConfFile.Disk> disk, boolean wholeTree, String... args)
            throws ConfigLoader.InvalidConfig {
        Config config = new ConfigLoader(new Env(vars, p -> { throw new IOException("no files in this test: " + p); }), 2).load();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = out == err ? o : new PrintStream(err, true, StandardCharsets.UTF_8);
        Contexts contexts = new Contexts() {
            @Override
            public Context open(String command) {
                return Context.of(config, proc, out(command), disk.apply(config));
            }

            @Override
            public Out out(String command) {
                return new Out(o, e, mode, command);
            }
        };
        return wholeTree ? Pgctl.commandLine(contexts).execute(args) : Pgctl.execute(contexts, args);
    }

    /**
     * {@link #run(Map, FakeProc, String...)} with every command's picocli model built and {@code args} parsed by
     * picocli, whatever they are ({@code pgctl} itself runs some without picocli: {@link Pgctl#execute}).
     */
    static Run runWholeTree(Map<String, String> vars, FakeProc proc, String... args) throws ConfigLoader.InvalidConfig {
        return captured(vars, Out.Format.TEXT, proc, InProcess::rendered, true, args);
    }

    private InProcess() {
    }
}
