package dev.pgctl.pgbackrest;

import java.util.TreeMap;
import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.exec.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgBackRest, always run as postgres with the pgbackrest.conf pgctl renders from the environment: the file bootstrap
 * wrote, or a private copy where that file is missing or differs ({@link ConfFile}).
 */
public class PgBackRest {
    /** Outcome of {@link #info()}: parsed info, or why the repository could not be read. */
    /**
     * @param repos with a second repository, each repository's own view by number (README "Second repository");
     *              empty with one repository
     */
    public record InfoResult(Optional<RepoInfo> info, String error, Map<Integer, InfoResult> repos) {
        public InfoResult(Optional<RepoInfo> info, String error) {
            this(info, error, Map.of());
        }

        public boolean reachable() {
            return info.isPresent();
        }

        /** The same answer, and every repository on its own. */
        public Infos infos() {
            return new Infos(this, repos);
        }
    }

    /** pgBackRest's ERROR line from a failed command (without its hints), or the last line. */
    public static String errorOf(Result r) {
        if (r.timedOut()) {
            return "timed out";
        }
        String[] lines = r.diagnostic().split("\n");
        for (String l : lines) {
            int i = l.indexOf("ERROR: ");
            if (i >= 0) {
                return l.substring(i + "ERROR: ".length()).strip();
            }
        }
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static final String LABEL = "([0-9]{8}-[0-9]{6}F(?:_[0-9]{8}-[0-9]{6}[DI])?)";
    private static final Pattern NEW_LABEL = Pattern.compile("new backup label = " + LABEL);
    private static final Pattern RESTORED_SET = Pattern.compile("restore backup set " + LABEL);

    /** The label of the backup a backup command made, as its output names it ("new backup label = ..."). Pure. */
    public static Optional<String> newLabel(String output) {
        return first(NEW_LABEL, output);
    }

    private static final Pattern COPIED = Pattern.compile(
            "(?:full|diff|incr) backup size = ([0-9]+(?:\\.[0-9]+)?)(B|KB|MB|GB|TB|PB)\\b");

    /**
     * What a backup command copied, as its output says it ("incr backup size = 8.3KB": pgBackRest's units are powers
     * of 1024, one decimal). Pure.
     */
    public static Optional<Long> copiedBytes(String output) {
        Matcher m = COPIED.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        int power = List.of("B", "KB", "MB", "GB", "TB", "PB").indexOf(m.group(2));
        return Optional.of(Math.round(Double.parseDouble(m.group(1)) * Math.pow(1024, power)));
    }

    /** The backup set a restore command restored, as its output names it ("repo1: restore backup set ..."). Pure. */
    public static Optional<String> restoredSet(String output) {
        return first(RESTORED_SET, output);
    }

    private static Optional<String> first(Pattern p, String output) {
        Matcher m = p.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Where {@link #base} puts the configuration file of the run. */
    private static final String CONFIG = "--config=@CONFIG@";

    private final Config config;
    private final Proc proc;
    /** Set by {@link #forRepo}: info reads that repository alone, and restores take their backup from it. */
    private final Optional<Integer> repo;
    private final ConfFile conf;

    public PgBackRest(Config config, Proc proc) {
        this(config, proc, new ConfFile(config, ConfFile.Disk.REAL));
    }

    public PgBackRest(Config config, Proc proc, ConfFile conf) {
        this(config, proc, conf, Optional.empty());
    }

    private PgBackRest(Config config, Proc proc, ConfFile conf, Optional<Integer> repo) {
        this.config = config;
        this.proc = proc;
        this.conf = conf;
        this.repo = repo;
    }

    /**
     * pgBackRest as seen from repository {@code n} alone (README "Second repository": pgctl restore --to ... --repo,
     * pgctl drill --repo): {@link #info()} is that repository's view (its backups, its WAL range, so a target is
     * checked against it), and {@link #restore} passes --repo=n.
     */
    public PgBackRest forRepo(int n) {
        return new PgBackRest(config, proc, conf, Optional.of(n));
    }

    /**
     * The configuration for pgBackRest runs that pgctl does not start itself (a drill server's restore_command):
     * the rendered file, or a private copy that lives until the lease is closed.
     */
    public ConfFile.Lease config() {
        return conf.open();
    }

    /** Where the runs get their configuration now: the rendered file, or a private copy (and why). */
    public ConfFile.Source configSource() {
        return conf.source();
    }

    private List<String> base(String command) {
        List<String> argv = new ArrayList<>();
        argv.add("pgbackrest");
        argv.add(CONFIG);
        argv.add("--stanza=" + config.stanza());
        argv.add(command);
        return argv;
    }

    private Result run(List<String> argv, Duration timeout, Consumer<String> lines) {
        ConfFile.Lease lease;
        try {
            lease = conf.open();
        } catch (UncheckedIOException e) {
            return new Result(1, "", "ERROR: " + e.getMessage(), false);
        }
        try (lease) {
            List<String> real = argv.stream().map(a -> a.equals(CONFIG) ? "--config=" + lease.path() : a).toList();
            Spec spec = new Spec(real, timeout, true, Optional.empty(), Map.of(), Optional.ofNullable(lines));
            return proc.run(spec);
        }
    }

    /**
     * pgbackrest info read once: the stanza over every repository ({@code all}, what pgctl acted on before a second
     * repository existed), and each configured repository on its own ({@code byRepo}, 1 then 2).
     */
    public record Infos(InfoResult all, Map<Integer, InfoResult> byRepo) {
        /** The configured repositories that cannot be read, in order. */
        public List<Integer> unreachable() {
            return byRepo.entrySet().stream().filter(e -> !e.getValue().reachable()).map(Map.Entry::getKey).sorted().toList();
        }
    }

    public InfoResult info() {
        Infos infos = infos();
        return repo.map(n -> infos.byRepo().getOrDefault(n, new InfoResult(Optional.empty(), "repo" + n + " is not configured")))
                .orElse(infos.all());
    }

    public Infos infos() {
        List<String> argv = base("info");
        argv.add("--output=json");
        argv.add("--log-level-console=off");
        argv.add("--log-level-stderr=error");
        Result r = run(argv, Duration.ofMinutes(5), null);
        List<Integer> repos = config.repoNumbers();
        if (repo.isPresent() && !repos.contains(repo.get())) {
            repos = List.of();
        }
        return infos(r, config.stanza(), repos);
    }

    /** What {@link #infos()} makes of the info command's result: pure. */
    public static Infos infos(Result r, String stanza, List<Integer> repos) {
        Map<Integer, InfoResult> byRepo = new TreeMap<>();
        InfoResult all;
        if (!r.ok()) {
            all = new InfoResult(Optional.empty(), r.timedOut() ? "pgbackrest info timed out" : r.diagnostic());
            InfoResult failed = all;
            repos.forEach(n -> byRepo.put(n, failed));
        } else {
            for (int n : repos) {
                byRepo.put(n, result(() -> RepoInfo.parseRepo(r.stdout(), stanza, n)));
            }
            all = result(() -> RepoInfo.parse(r.stdout(), stanza));
        }
        // with two repositories the whole answer carries each one's, so that whoever keeps it (pgctl monitor) has both
        Map<Integer, InfoResult> each = Map.copyOf(byRepo);
        return new Infos(repos.size() > 1 ? new InfoResult(all.info(), all.error(), each) : all, each);
    }

    private interface Parse {
        RepoInfo get() throws IOException;
    }

    private static InfoResult result(Parse parse) {
        try {
            RepoInfo info = parse.get();
            if (info.statusCode() == 99) {
                return new InfoResult(Optional.empty(), info.statusMessage());
            }
            return new InfoResult(Optional.of(info), "");
        } catch (IOException e) {
            return new InfoResult(Optional.empty(), "cannot read pgbackrest info output: " + e.getMessage());
        }
    }

    public Result stanzaCreate(Consumer<String> lines) {
        return run(base("stanza-create"), Duration.ofMinutes(10), lines);
    }

    public Result backup(String type, Optional<String> label, Consumer<String> lines, String... extra) {
        List<String> argv = base("backup");
        argv.add("--type=" + type);
        argv.addAll(List.of(extra));
        label.ifPresent(l -> argv.add("--annotation=pgctl-label=" + l));
        return run(argv, Duration.ofHours(24), lines);
    }

    public Result restore(List<String> options, Consumer<String> lines) {
        return restore(List.of(), options, lines);
    }

    /** A restore run under {@code prefix} (a restore drill's nice and ionice). */
    public Result restore(List<String> prefix, List<String> options, Consumer<String> lines) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(base("restore"));
        argv.addAll(options);
        repo.ifPresent(n -> argv.add("--repo=" + n));
        return run(argv, Duration.ofHours(24), lines);
    }

    /** Expires one backup set and the backups that depend on it ({@code pgctl prune}). */
    public Result expireSet(String label, Consumer<String> lines) {
        List<String> argv = base("expire");
        repo.ifPresent(n -> argv.add("--repo=" + n));
        argv.add("--set=" + label);
        return run(argv, Duration.ofHours(1), lines);
    }

    public Result check(Consumer<String> lines) {
        return run(base("check"), Duration.ofMinutes(10), lines);
    }
}
