package dev.pgctl.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The process environment with the {@code *_FILE} convention of the official
 * postgres image: {@code NAME_FILE=/run/secrets/x} reads the value of NAME
 * from that file (one trailing newline removed). Setting both is an error.
 * Problems are collected, not thrown, so that every bad variable is reported
 * in one go.
 */
public final class Env {
    /** Reads a file named by a {@code *_FILE} variable. */
    @FunctionalInterface
    public interface FileReader {
        String read(Path path) throws IOException;
    }

    private final Map<String, String> vars;
    private final FileReader files;
    private final List<Problem> problems = new ArrayList<>();

    public Env(Map<String, String> vars, FileReader files) {
        this.vars = new TreeMap<>(vars);
        this.files = files;
    }

    public static Env system() {
        return new Env(System.getenv(), Files::readString);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public void report(Problem p) {
        problems.add(p);
    }

    /** The raw value of a variable, without the *_FILE convention; blank counts as unset. */
    public Optional<String> raw(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** NAME or the contents of NAME_FILE. */
    public Optional<String> get(String name) {
        Optional<String> direct = raw(name);
        Optional<String> file = raw(name + "_FILE");
        if (direct.isPresent() && file.isPresent()) {
            report(Problem.of(name, "both " + name + " and " + name + "_FILE are set",
                    "pgctl cannot tell which one you mean",
                    "unset one of them: keep " + name + "_FILE=" + file.get() + " and remove " + name));
            return direct;
        }
        if (file.isEmpty()) {
            return direct;
        }
        Path path = Path.of(file.get());
        try {
            String content = files.read(path);
            if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            if (content.endsWith("\r")) {
                content = content.substring(0, content.length() - 1);
            }
            if (content.isEmpty()) {
                report(Problem.of(name + "_FILE", "the file " + path + " is empty",
                        name + " must not be empty", "echo -n 'value' > " + path));
                return Optional.empty();
            }
            return Optional.of(content);
        } catch (IOException | RuntimeException e) {
            report(Problem.of(name + "_FILE", "cannot read " + path + " (" + describe(e) + ")",
                    "the value of " + name + " is read from this file",
                    "mount the file into the container, readable by the postgres user (uid 999 on Debian, 70 on Alpine),",
                    "for example: docker run -v ./secret:" + path + ":ro ..."));
            return Optional.empty();
        }
    }

    /** The contents of a file, or empty when it cannot be read (the caller reports it). */
    public Optional<String> readFile(Path path) {
        try {
            return Optional.of(files.read(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<Secret> secret(String name) {
        return get(name).map(Secret::new);
    }

    public String get(String name, String dflt) {
        return get(name).orElse(dflt);
    }

    /** Every variable whose name starts with the prefix, raw. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        vars.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
