package dev.pgctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.problem.Problem;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vars.choice: the one way a choice variable is read, compared with the table's choices and reported. */
class VarsChoiceTest {
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(Variable.PGBACKREST_COMPRESS_TYPE, null, "zst", List.of()),
                Arguments.of(Variable.PGBACKREST_COMPRESS_TYPE, "LZ4", "lz4", List.of()),
                Arguments.of(Variable.PGBACKREST_COMPRESS_TYPE, "XZ", "xz", List.of("PGBACKREST_COMPRESS_TYPE: 'xz' is wrong")),
                Arguments.of(Variable.PGCTL_SSL_MIN_PROTOCOL, "TLSv1.3", "TLSv1.3", List.of()),
                Arguments.of(Variable.PGCTL_SSL_MIN_PROTOCOL, "tlsv1.3", "tlsv1.3",
                        List.of("PGCTL_SSL_MIN_PROTOCOL: 'tlsv1.3' is wrong")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("values")
    void theValueAsComparedAndAProblemUnlessItIsAChoice(Variable v, String set, String value, List<String> problems) {
        Env env = new Env(set == null ? Map.of() : Map.of(v.name(), set), p -> { throw new NoSuchFileException(p.toString()); });
        String read = new Vars(env).choice(v, s -> Problem.of(v.name(), "'" + s + "' is wrong", "", ""));
        assertEquals(value, read);
        assertEquals(problems, env.problems().stream().map(p -> p.subject() + ": " + p.what()).toList());
    }
}
