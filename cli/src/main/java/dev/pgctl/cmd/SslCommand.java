package dev.pgctl.cmd;

import dev.pgctl.config.ConfigLoader;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.fs.Files2;
import dev.pgctl.ssl.CertInfo;
import dev.pgctl.ssl.SslManager;
import dev.pgctl.ssl.SslPlanner;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ssl", mixinStandardHelpOptions = true,
        description = {"Shows, generates or rotates the server's TLS certificates.",
            "",
            "Certificates live in PGCTL_SSL_DIR (default " + ConfigLoader.DEFAULT_SSL_DIR + "). server.crt and server.key put "
                    + "there by you are used as they are and never overwritten; when there are none, pgctl generates a "
                    + "private CA (ca.crt, for clients' sslrootcert) and a server certificate signed by it."},
        subcommands = {SslCommand.Status.class, SslCommand.Generate.class, SslCommand.Rotate.class},
        footer = {"", "Examples:", "  docker exec <container> pgctl ssl status",
            "  docker cp <container>:/var/lib/postgresql/ssl/ca.crt .   # then psql \"sslmode=verify-full sslrootcert=ca.crt ...\"",
            "  docker exec <container> pgctl ssl rotate"})
public final class SslCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static SslManager manager(Context ctx) {
        return new SslManager(ctx.config(), ctx.proc(), new Files2(), ctx.out());
    }

    static void reload(Context ctx) {
        if (!ctx.postgres().ready()) {
            ctx.out().info("PostgreSQL is not running: it reads the certificates when it starts");
            return;
        }
        if (ctx.postgres().value("select pg_reload_conf()").isEmpty()) {
            throw new PgctlException(ExitCodes.FAILED, "could not reload PostgreSQL's configuration");
        }
        ctx.out().info("PostgreSQL reloaded its configuration: new connections use the new certificate");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Subject, names, issuer and expiry of the server certificate, who made it, and whether the "
                    + "running server presents it.")
    static final class Status implements Callable<Integer> {
        private final Contexts contexts;

        Status(Contexts contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() throws IOException {
            Context ctx = contexts.open("ssl");
            Out o = ctx.out();
            Path dir = ctx.config().ssl().dir();
            Path crt = dir.resolve("server.crt");
            if (!Files.exists(crt)) {
                o.stdout().println("no certificate in " + dir + ": the container generates one at start");
                return ExitCodes.UNHEALTHY;
            }
            CertInfo c = CertInfo.read(crt);
            boolean generated = Files.exists(dir.resolve(SslManager.MARKER));
            Optional<CertInfo> served = manager(ctx).served();
            long days = Duration.between(Instant.now(), c.notAfter()).toDays();
            o.stdout().printf("certificate   %s%n", crt);
            o.stdout().printf("made by       %s%n", generated ? "pgctl (private CA " + dir.resolve("ca.crt") + ")" : "you (used as provided)");
            o.stdout().printf("subject       %s%n", c.subject());
            o.stdout().printf("names         %s%n", String.join(", ", c.sans()));
            o.stdout().printf("issuer        %s%n", c.issuer());
            o.stdout().printf("expires       %s (%s)%n", c.notAfter(), days < 30 ? o.yellow("in " + days + " days") : "in " + days + " days");
            o.stdout().printf("sha256        %s%n", c.sha256());
            o.stdout().printf("in use        %s%n", served.isEmpty() ? o.yellow("unknown (the server does not answer on TCP)")
                    : served.get().sha256().equals(c.sha256()) ? o.green("yes, the running server presents it")
                    : o.yellow("no: the server presents " + served.get().sha256() + "; run: pgctl ssl rotate"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generates a private CA and a server certificate when PGCTL_SSL_DIR has none (as the "
                    + "container does at start), installs them and reloads PostgreSQL.")
    static final class Generate implements Callable<Integer> {
        private final Contexts contexts;

        Generate(Contexts contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            Context ctx = contexts.open("ssl");
            SslPlanner.Decision d = manager(ctx).prepare();
            if (d.action() == SslPlanner.Action.GENERATE || d.action() == SslPlanner.Action.RENEW) {
                reload(ctx);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Replaces pgctl's generated server key and certificate with new ones from the same CA "
                    + "(--new-ca: a new CA too, which clients must then trust) and reloads PostgreSQL without a restart.",
                "Certificates you provided are never overwritten: after replacing them in PGCTL_SSL_DIR, rotate "
                        + "checks them, installs them and reloads."})
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--new-ca", description = "Also replace the private CA.")
        boolean newCa;

        private final Contexts contexts;

        Rotate(Contexts contexts) {
            this.contexts = contexts;
        }

        @Override
        public Integer call() {
            Context ctx = contexts.open("ssl");
            SslManager m = manager(ctx);
            SslPlanner.Dir dir = m.inspect();
            if (dir.generated()) {
                if (!dir.hasCaKey() && !newCa) {
                    throw new PgctlException(ExitCodes.CONFIG, Problem.of(ctx.config().ssl().dir().resolve("ca.key").toString(),
                            "is missing, so no new certificate can be signed by the same CA", "",
                            "docker exec <container> pgctl ssl rotate --new-ca   # clients must then trust the new ca.crt"));
                }
                m.generate(newCa);
                m.install();
            } else {
                if (newCa) {
                    throw new PgctlException(ExitCodes.UNSAFE, Problem.of(ctx.config().ssl().dir().toString(),
                            "holds your own certificates; pgctl never overwrites them", "",
                            "replace server.crt and server.key there, then run: pgctl ssl rotate"));
                }
                m.prepare();
            }
            reload(ctx);
            return ExitCodes.OK;
        }
    }
}
