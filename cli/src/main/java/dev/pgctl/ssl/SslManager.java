package dev.pgctl.ssl;

import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.exec.Proc;
import dev.pgctl.fs.Files2;
import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.root.Handoff;
import dev.pgctl.ui.Out;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate directory (PGCTL_SSL_DIR): inspects it, generates a private
 * CA and a server certificate there when it is empty, and installs copies of
 * the server certificate and key, owned by postgres with mode 0600, where
 * PostgreSQL reads them. The user's files are only ever read.
 */
public final class SslManager {
    /** Written beside certificates pgctl generated; without it the certificates are the user's. */
    public static final String MARKER = ".pgctl-generated";
    private static final Duration OPENSSL = Duration.ofSeconds(60);

    private final Config config;
    private final Proc proc;
    private final Files2 files;
    private final Out out;
    /** The user's certificate files as bootstrap's root part read them, when postgres cannot read them itself. */
    private final Handoff provided;

    public SslManager(Config config, Proc proc, Files2 files, Out out) {
        this(config, proc, files, out, Handoff.none());
    }

    public SslManager(Config config, Proc proc, Files2 files, Out out, Handoff provided) {
        this.config = config;
        this.proc = proc;
        this.files = files;
        this.out = out;
        this.provided = provided;
    }

    private Path dir() {
        return config.ssl().dir();
    }

    /** The names generated certificates carry: configured ones, the container's host name, localhost. */
    public List<String> wantedSans() {
        List<String> sans = new ArrayList<>();
        for (String h : config.ssl().hostnames()) {
            sans.add(h.matches("[0-9.]+|.*:.*") ? "IP:" + h : "DNS:" + h);
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!host.isBlank() && !sans.contains("DNS:" + host)) {
                sans.add("DNS:" + host);
            }
        } catch (IOException e) {
            // no host name: localhost only
        }
        for (String s : List.of("DNS:localhost", "IP:127.0.0.1", "IP:::1")) {
            if (!sans.contains(s)) {
                sans.add(s);
            }
        }
        return sans;
    }

    public SslPlanner.Dir inspect() {
        Path crt = dir().resolve("server.crt");
        Path key = dir().resolve("server.key");
        boolean hasCert = provided.exists(crt);
        boolean hasKey = provided.exists(key);
        Optional<CertInfo> server = Optional.empty();
        Optional<Boolean> matches = Optional.empty();
        if (hasCert) {
            try {
                server = Optional.of(CertInfo.parse(provided.read(crt).getBytes(StandardCharsets.US_ASCII)));
            } catch (AccessDeniedException e) {
                throw unreadable(crt);
            } catch (IOException e) {
                throw new PgctlException(ExitCodes.CONFIG, Problem.of(crt.toString(), "cannot be read as a certificate ("
                        + e.getMessage() + ")", "PostgreSQL needs a PEM certificate",
                        "put a PEM certificate there, or remove server.crt and server.key to let pgctl generate them"));
            }
        }
        if (hasCert && hasKey) {
            if (!provided.isReadable(key)) {
                throw unreadable(key);
            }
            matches = Optional.of(keyMatches(crt, key));
        }
        return new SslPlanner.Dir(dir(), hasCert, hasKey, Files.exists(dir().resolve(MARKER)),
                Files.exists(dir().resolve("ca.key")), server, matches);
    }

    private PgctlException unreadable(Path p) {
        return new PgctlException(ExitCodes.CONFIG, Problem.of(p.toString(), "cannot be read by pgctl (user "
                + System.getProperty("user.name") + ")", "PostgreSQL's certificate and key must be readable at start",
                "make it readable, for example: chmod 0644 " + p + "  (pgctl installs a 0600 copy of the key for PostgreSQL)"));
    }

    private boolean keyMatches(Path crt, Path key) {
        // the PEM text on stdin: the key never shows on a command line, and root's reading is used as it is
        Result a;
        Result b;
        try {
            a = proc.run(Spec.of(OPENSSL, "openssl", "x509", "-noout", "-pubkey").stdin(provided.read(crt)));
            b = proc.run(Spec.of(OPENSSL, "openssl", "pkey", "-pubout").stdin(provided.read(key)));
        } catch (IOException e) {
            return false;
        }
        return a.ok() && b.ok() && a.stdout().strip().equals(b.stdout().strip());
    }

    /** Decides, generates or renews when needed, and installs the copies PostgreSQL reads. */
    /**
     * The names a generated certificate must carry to be kept: the configured ones and localhost. The
     * container's own host name is added when generating, but a new one (a recreated container) alone
     * does not trigger a new certificate.
     */
    public List<String> requiredSans() {
        return wantedSans().stream().filter(s -> config.ssl().hostnames().stream()
                .anyMatch(h -> s.endsWith(":" + h)) || s.equals("DNS:localhost")).toList();
    }

    /** Decides, reading only; a refusal is thrown (exit 3). */
    public SslPlanner.Decision decide() {
        SslPlanner.Decision d = SslPlanner.decide(inspect(), requiredSans(), Instant.now());
        if (d.action() == SslPlanner.Action.REFUSE) {
            throw new PgctlException(ExitCodes.CONFIG, d.reason(), d.problem().stream().toList());
        }
        return d;
    }

    /** Generates or renews when the decision says so, and installs the copies PostgreSQL reads. */
    public void apply(SslPlanner.Decision d) {
        out.info("ssl: " + d.reason());
        switch (d.action()) {
            case GENERATE -> generate(true);
            case RENEW -> generate(false);
            default -> { }
        }
        install();
    }

    public SslPlanner.Decision prepare() {
        SslPlanner.Decision d = decide();
        apply(d);
        return d;
    }

    /** A new server key and certificate; with newCa, a new private CA too. Only for pgctl's own certificates. */
    public void generate(boolean newCa) {
        Path tmp = null;
        try {
            files.directory(dir(), "rwxr-xr-x");
            tmp = Files.createTempDirectory(dir(), ".new-");
            List<String> sans = wantedSans();
            Path caKey = dir().resolve("ca.key");
            Path caCrt = dir().resolve("ca.crt");
            boolean makeCa = newCa || !Files.exists(caKey);
            if (makeCa) {
                String host = sans.stream().filter(s -> s.startsWith("DNS:")).findFirst().orElse("DNS:localhost").substring(4);
                openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", tmp.resolve("ca.key").toString(), "-out", tmp.resolve("ca.crt").toString(),
                        "-days", "3650", "-subj", "/CN=pgctl private CA for " + host,
                        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
                caKey = tmp.resolve("ca.key");
                caCrt = tmp.resolve("ca.crt");
            }
            Path ext = tmp.resolve("server.ext");
            Files.writeString(ext, "subjectAltName=" + String.join(",", sans) + "\nbasicConstraints=CA:FALSE\n"
                    + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
            String cn = sans.get(0).substring(sans.get(0).indexOf(':') + 1);
            openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", tmp.resolve("server.key").toString(), "-out", tmp.resolve("server.csr").toString(),
                    "-subj", "/CN=" + cn);
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            serial[0] &= 0x7f;
            openssl("x509", "-req", "-in", tmp.resolve("server.csr").toString(), "-CA", caCrt.toString(),
                    "-CAkey", caKey.toString(), "-set_serial", "0x" + HexFormat.of().formatHex(serial), "-days", "397",
                    "-extfile", ext.toString(), "-out", tmp.resolve("server.crt").toString());
            Files.delete(tmp.resolve("server.csr"));
            Files.delete(ext);
            for (String f : List.of("ca.key", "ca.crt", "server.key", "server.crt")) {
                Path p = tmp.resolve(f);
                if (Files.exists(p)) {
                    files.write(dir().resolve(f), Files.readString(p), f.endsWith(".key") ? "rw-------" : "rw-r--r--");
                    Files.delete(p);
                }
            }
            files.write(dir().resolve(MARKER), "Certificates in this directory were generated by pgctl.\n"
                    + "Delete this file (and the generated ones) before putting your own certificates here.\n", "rw-r--r--");
            out.info("ssl: generated " + (makeCa ? "a private CA and " : "")
                    + "a server certificate for " + String.join(", ", sans) + " in " + dir()
                    + " (clients verify it with " + dir().resolve("ca.crt") + ")");
        } catch (AccessDeniedException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of("PGCTL_SSL_DIR", dir() + " is not writable, so pgctl "
                    + "cannot generate certificates there (" + e.getMessage() + ")",
                    "without certificates the server would accept no TCP connection",
                    "mount a writable volume there, or put server.crt and server.key in it"));
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.FAILED, "cannot write certificates in " + dir() + ": " + e.getMessage());
        } finally {
            // whatever failed, no key (least of all a new CA's) stays behind in the scratch directory
            if (tmp != null) {
                removeTree(tmp);
            }
        }
    }

    private void removeTree(Path tmp) {
        try (var s = Files.walk(tmp)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            out.warn("ssl: could not remove " + tmp + " (" + e.getMessage() + "); it may hold a private key: rm -rf " + tmp);
        }
    }

    private void openssl(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("openssl");
        argv.addAll(List.of(args));
        Result r = proc.run(new Spec(argv, OPENSSL, false, Optional.empty(), Map.of(), Optional.empty()));
        if (!r.ok()) {
            throw new PgctlException(ExitCodes.FAILED, "openssl " + args[0] + " failed: " + r.diagnostic());
        }
    }

    /** Copies server.crt, server.key (and ca.crt) where PostgreSQL reads them, owned by postgres, key 0600. */
    public void install() {
        Path target = config.paths().sslInstalled();
        try {
            files.directory(target, "rwx------");
            files.write(target.resolve("server.crt"), provided.read(dir().resolve("server.crt")), "rw-r--r--");
            files.write(target.resolve("server.key"), provided.read(dir().resolve("server.key")), "rw-------");
            if (provided.exists(dir().resolve("ca.crt"))) {
                files.write(target.resolve("ca.crt"), provided.read(dir().resolve("ca.crt")), "rw-r--r--");
            }
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(target.toString(), "cannot install the certificates ("
                    + e.getMessage() + ")", "PostgreSQL reads its certificate and key from there",
                    "run the container as root (the default) or as postgres"));
        }
    }

    /** The certificate the running server presents on TCP, fetched with openssl s_client. */
    public Optional<CertInfo> served() {
        Result r = proc.run(Spec.of(Duration.ofSeconds(15), "openssl", "s_client", "-starttls", "postgres",
                "-connect", "127.0.0.1:" + config.postgres().port(), "-showcerts").stdin(""));
        String s = r.stdout();
        int a = s.indexOf("-----BEGIN CERTIFICATE-----");
        int b = s.indexOf("-----END CERTIFICATE-----");
        if (a < 0 || b < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(CertInfo.parse(s.substring(a, b + 25).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
