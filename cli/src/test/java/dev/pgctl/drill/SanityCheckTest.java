package dev.pgctl.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.exec.Proc.Result;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SanityCheckTest {
    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(new Result(0, "t\n", "", false), Optional.empty()),
                Arguments.of(new Result(0, "f\n", "", false), Optional.of("returned f, not true")),
                Arguments.of(new Result(0, "250\n", "", false), Optional.of("returned 250, not true")),
                Arguments.of(new Result(0, "", "", false), Optional.of("no row")),
                Arguments.of(new Result(0, "t\nt\n", "", false), Optional.of("2 rows (one is expected)")),
                Arguments.of(new Result(0, "t|t\n", "", false),
                        Optional.of("more than one column (one true value is expected)")),
                Arguments.of(new Result(1, "", "ERROR:  relation \"orders\" does not exist\nLINE 1: ...", false),
                        Optional.of("error: ERROR:  relation \"orders\" does not exist\\nLINE 1: ...")));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void aQueryPassesOnlyWithOneTrueValue(Result r, Optional<String> failure) {
        assertEquals(failure, SanityCheck.failure(r));
    }

    @Test
    void aFailedQueryIsNamedOnOneLineWithoutControlCharactersAndShortened() {
        assertEquals("select count(*) > 0 from orders", SanityCheck.shown("  select count(*) > 0\n\tfrom orders "));
        assertEquals("select \\u001b[31m", SanityCheck.shown("select \u001b[31m"));
        String shown = SanityCheck.shown("select " + "x".repeat(200));
        assertEquals(80, shown.length());
        assertEquals("...", shown.substring(77));
    }
}
