package dev.pgctl.root;

import dev.pgctl.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.pgctl.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The files that bootstrap's root part read for its postgres part ({@link RootPhase}): {@code *_FILE} secrets and
 * a certificate directory that only root can read. Passed on the postgres part's standard input, path -> content.
 */
public final class Handoff implements Env.FileReader {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };
    private final Map<String, String> files;

    private Handoff(Map<String, String> files) {
        this.files = Map.copyOf(files);
    }

    /** Nothing read by root: every file is read as this user. */
    public static Handoff none() {
        return new Handoff(Map.of());
    }

    public static Handoff read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return new Handoff(bytes.length == 0 ? Map.of() : Json.MAPPER.readValue(bytes, MAP));
    }

    static String write(Map<String, String> files) throws IOException {
        return Json.MAPPER.writeValueAsString(files);
    }

    /** What root read from this path, if it did. */
    public Optional<String> get(Path path) {
        return Optional.ofNullable(files.get(path.toAbsolutePath().normalize().toString()));
    }

    /** The file's content: what root read, or else read now as this user. */
    @Override
    public String read(Path path) throws IOException {
        Optional<String> v = get(path);
        return v.isPresent() ? v.get() : Files.readString(path);
    }

    public boolean exists(Path path) {
        return get(path).isPresent() || Files.exists(path);
    }

    public boolean isReadable(Path path) {
        return get(path).isPresent() || Files.isReadable(path);
    }
}
