package dev.pgctl.cmd;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import dev.pgctl.exec.Proc;
import dev.pgctl.pg.Postgres;
import dev.pgctl.pgbackrest.ConfFile;
import dev.pgctl.pgbackrest.PgBackRest;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.ui.Out;
import java.nio.file.Files;

/** What every command works with: the Config (parsed once) and the adapters built on it. */
public record Context(Config config, Proc proc, Postgres postgres, PgBackRest pgbackrest, Out out) {

    /** Loads the Config from the environment or fails with every problem found (exit code 3). */
    public static Context load(String commandName) {
        return load(commandName, Files::readString);
    }

    /** The same, reading {@code *_FILE} contents through {@code files}. */
    public static Context load(String commandName, Env.FileReader files) {
        Config config;
        try {
            config = ConfigLoader.fromSystem(files);
        } catch (ConfigLoader.InvalidConfig e) {
            throw new PgctlException(ExitCodes.CONFIG, "invalid configuration", e.problems());
        }
        return of(config, new Proc(), Out.system(commandName));
    }

    /** The adapters on {@code config} that run their programs through {@code proc}. */
    public static Context of(Config config, Proc proc, Out out) {
        return of(config, proc, out, ConfFile.Disk.REAL);
    }

    /** The same, with pgbackrest.conf read (and a private copy written) through {@code disk}. */
    public static Context of(Config config, Proc proc, Out out, ConfFile.Disk disk) {
        return new Context(config, proc, new Postgres(config.postgres(), proc),
                new PgBackRest(config, proc, new ConfFile(config, disk)), out);
    }
}
