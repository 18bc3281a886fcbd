package dev.pgctl.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A process runner for tests: records every command line it is asked to run and answers from rules
 * (the first that matches); a command no rule answers fails like a missing program (exit 127), so a
 * test sees every command it did not expect. Output lines also go to the command's line consumer,
 * as the real runner streams them.
 */
public final class FakeProc extends Proc {
    private record Rule(Predicate<List<String>> matches, Result result) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();

    public FakeProc() {
        super(false);
    }

    public static Result ok(String stdout) {
        return new Result(0, stdout, "", false);
    }

    public static Result failed(int exitCode, String stderr) {
        return new Result(exitCode, "", stderr, false);
    }

    /** Answers command lines that {@code matches} with {@code result}. */
    public FakeProc answer(Predicate<List<String>> matches, Result result) {
        rules.add(new Rule(matches, result));
        return this;
    }

    /** Answers every run of {@code program} (its first argument). */
    public FakeProc program(String program, Result result) {
        return answer(argv -> argv.get(0).equals(program), result);
    }

    /** Answers psql running exactly {@code sql}. */
    public FakeProc sql(String sql, Result result) {
        return answer(argv -> argv.get(0).equals("psql") && argv.get(argv.size() - 1).equals(sql), result);
    }

    /** Answers pgbackrest running {@code command} (info, backup, check, stanza-create...). */
    public FakeProc pgbackrest(String command, Result result) {
        return answer(argv -> argv.get(0).equals("pgbackrest") && argv.contains(command), result);
    }

    @Override
    public synchronized Result run(Spec spec) {
        commands.add(spec.command());
        Result r = isSession(spec.command()) ? session(spec.command()) : answer(spec.command());
        spec.lines().ifPresent(sink -> (r.stdout() + r.stderr()).lines().forEach(sink));
        return r;
    }

    private Result answer(List<String> argv) {
        return rules.stream().filter(rule -> rule.matches().test(argv)).map(Rule::result).findFirst()
                .orElse(new Result(127, "", argv.get(0) + ": no answer in this test for " + argv, false));
    }

    /** psql with several -c statements (Postgres.ask): each statement answered as a psql of its own would be. */
    private static boolean isSession(List<String> argv) {
        return argv.get(0).equals("psql") && argv.stream().filter("-c"::equals).count() > 1;
    }

    private Result session(List<String> argv) {
        int first = argv.indexOf("-c");
        List<String> connection = argv.subList(0, first);
        StringBuilder out = new StringBuilder();
        for (int i = first; i + 1 < argv.size(); i += 2) {
            String sql = argv.get(i + 1);
            var marker = Pattern.compile("select chr\\(30\\) \\|\\| '(.*)'").matcher(sql);
            if (marker.matches()) {
                out.append('\u001e').append(marker.group(1)).append('\n');
                continue;
            }
            List<String> single = new ArrayList<>(connection);
            single.add("-c");
            single.add(sql);
            Result r = answer(single);
            if (!r.ok()) {
                // ON_ERROR_STOP: the session ends at the failing statement
                return new Result(r.exitCode() == 127 ? 127 : 3, out.toString(), r.stderr(), false);
            }
            out.append(r.stdout());
            if (!r.stdout().isEmpty() && !r.stdout().endsWith("\n")) {
                out.append('\n');
            }
        }
        return new Result(0, out.toString(), "", false);
    }

    /** Every command line run so far, in order. */
    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** The command lines of {@code program} run so far, in order. */
    public synchronized List<List<String>> commands(String program) {
        return commands.stream().filter(argv -> argv.get(0).equals(program)).toList();
    }
}
