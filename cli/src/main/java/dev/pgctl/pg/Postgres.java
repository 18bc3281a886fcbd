package dev.pgctl.pg;

import dev.pgctl.config.Config;
import dev.pgctl.exec.Proc.Result;
import dev.pgctl.exec.Proc.Spec;
import dev.pgctl.exec.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The running PostgreSQL server, reached over the local socket as the superuser. */
public class Postgres {
    private final Config.Postgres pg;
    private final Proc proc;

    public Postgres(Config.Postgres pg, Proc proc) {
        this.pg = pg;
        this.proc = proc;
    }

    /** True when the server accepts connections on the local socket. */
    public boolean ready() {
        return proc.run(Spec.of(Duration.ofSeconds(10), "pg_isready", "-q",
                "-h", pg.socketDir().toString(), "-p", Integer.toString(pg.port())).asPostgres()).ok();
    }

    /** Runs one SQL statement; rows as lines, columns separated by '|'. */
    public Result query(String sql) {
        return proc.run(psql("-c", sql));
    }

    /** Asks every question in one psql session ({@link Questions}); a question that failed has no answer. */
    public Questions.Answers ask(List<Questions.Question> questions) {
        Result r = proc.run(psql(Questions.arguments(questions).toArray(String[]::new)));
        return new Questions.Answers(Questions.answers(r.stdout()));
    }

    /** psql as the superuser on the local socket, rows unaligned and without headers, stopping at an error. */
    private Spec psql(String... statements) {
        List<String> argv = new ArrayList<>(List.of("psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", pg.socketDir().toString(), "-p", Integer.toString(pg.port()), "-U", pg.superuser(), "-d", "postgres"));
        argv.addAll(List.of(statements));
        return Spec.of(Duration.ofSeconds(30), argv.toArray(String[]::new)).asPostgres();
    }

    /** Runs SQL read from stdin, so that nothing of it shows in the process list. */
    public Result script(String sql) {
        return proc.run(psql("-f", "-").stdin(sql));
    }

    /** The system identifier in pg_control (works while the server is down). */
    public Optional<String> controlSystemId() {
        Result r = proc.run(Spec.of(Duration.ofSeconds(30), "pg_controldata", "-D", pg.pgdata().toString()).asPostgres());
        return r.ok() ? systemIdOf(r.stdout()) : Optional.empty();
    }

    static Optional<String> systemIdOf(String controldata) {
        var m = Pattern.compile("(?m)^Database system identifier:\\s+(\\d+)").matcher(controldata);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The single value of a one-row, one-column query, if it ran. */
    public Optional<String> value(String sql) {
        Result r = query(sql);
        return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    /** This cluster's system identifier, asked of the running server. */
    public Optional<Long> systemId() {
        return value("select system_identifier from pg_control_system()").map(Long::parseLong);
    }

    public Optional<Boolean> inRecovery() {
        return value("select pg_is_in_recovery()").map("t"::equals);
    }

    /** The PID in postmaster.pid, if the file exists. */
    public Optional<Long> postmasterPid() {
        Path f = pg.pgdata().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(f);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
