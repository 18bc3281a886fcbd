package dev.pgctl.problem;

import java.util.List;

/** A failure that carries its exit code and the guided problems to print. */
public class PgctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final transient List<Problem> problems;

    public PgctlException(int exitCode, String message, List<Problem> problems) {
        super(message);
        this.exitCode = exitCode;
        this.problems = List.copyOf(problems);
    }

    public PgctlException(int exitCode, Problem problem) {
        this(exitCode, problem.what(), List.of(problem));
    }

    public PgctlException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    public int exitCode() {
        return exitCode;
    }

    public List<Problem> problems() {
        return problems;
    }
}
