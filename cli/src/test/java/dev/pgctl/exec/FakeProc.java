package dev.pgctl.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
        Result r = rules.stream().filter(rule -> rule.matches().test(spec.command())).map(Rule::result).findFirst()
                .orElse(new Result(127, "", spec.command().get(0) + ": no answer in this test for " + spec.command(), false));
        spec.lines().ifPresent(sink -> (r.stdout() + r.stderr()).lines().forEach(sink));
        return r;
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
