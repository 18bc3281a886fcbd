package dev.pgctl.config;

import dev.pgctl.text.SafeText;
import dev.pgctl.problem.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.MalformedInputException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Env: the one place where every value, direct or from a *_FILE, is checked before anything is written. */
class EnvTest {

    static Env env(Map<String, String> vars, Map<String, String> files) {
        return new Env(vars, p -> {
            String s = files.get(p.toString());
            if (s == null) {
                throw new NoSuchFileException(p.toString());
            }
            return s;
        });
    }

    /** Every character class a file pgctl writes cannot carry, with the name the message gives it. */
    static Stream<Arguments> unsafeCharacters() {
        return Stream.of(
                Arguments.of("eu-west-1\nrepo1-storage-host=evil", "a newline (\\n) at position 10 of 33"),
                Arguments.of("eu-west-1\r", "a carriage return (\\r) at position 10 of 10"),
                Arguments.of("eu-west-1\r\nx", "a carriage return (\\r) at position 10"),
                Arguments.of("eu\twest", "a tab (\\t) at position 3"),
                Arguments.of("eu\0west", "a NUL character (\\0) at position 3"),
                Arguments.of("eu\u001b[2Jwest", "an escape character (\\e) at position 3"),
                Arguments.of("eu\u007fwest", "a control character (U+007F) at position 3"),
                Arguments.of("eu\u0085west", "a control character (U+0085) at position 3"),
                Arguments.of("eu\u2028west", "a Unicode line separator (U+2028) at position 3"),
                Arguments.of("eu\u2029west", "a Unicode paragraph separator (U+2029) at position 3"),
                Arguments.of("eu\uFFFDwest", "a replacement character (U+FFFD"),
                Arguments.of("eu\uD800west", "a lone UTF-16 surrogate (U+D800) at position 3"),
                Arguments.of("\n", "a newline (\\n) at position 1 of 1"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("unsafeCharacters")
    void aDirectValueWithAControlCharacterIsRefusedNamingTheVariable(String value, String where) {
        Env e = env(Map.of("PGBACKREST_REPO1_S3_REGION", value), Map.of());
        e.get("PGBACKREST_REPO1_S3_REGION");
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals("PGBACKREST_REPO1_S3_REGION", p.subject());
        assertTrue(p.what().contains("holds " + where), p.what());
        assertTrue(p.why().contains("nothing was written"), p.why());
        assertTrue(p.fix().get(0).contains("PGBACKREST_REPO1_S3_REGION"), p.fix().toString());
        assertTrue(SafeText.safe(p.render().replace("\n", "")), "the problem prints the value escaped: " + p.render());
    }

    @Test
    void aNonSecretValueIsShownEscapedOnOneLineASecretNever() {
        Env e = env(Map.of("PGBACKREST_REPO1_S3_REGION", "eu-west-1\nrepo1-storage-host=evil",
                "PGBACKREST_REPO1_S3_KEY_SECRET", "top\nsecret"), Map.of());
        e.get("PGBACKREST_REPO1_S3_REGION");
        e.secret("PGBACKREST_REPO1_S3_KEY_SECRET");
        Problem region = e.problems().get(0);
        assertTrue(region.what().endsWith(": 'eu-west-1\\nrepo1-storage-host=evil'"), region.what());
        assertTrue(region.fix().get(0).contains("on one line, without the line break"), region.fix().toString());
        Problem secret = e.problems().get(1);
        assertEquals("PGBACKREST_REPO1_S3_KEY_SECRET", secret.subject());
        assertTrue(secret.what().contains("a newline (\\n) at position 4 of 10 (a secret: its value is not shown)"),
                secret.what());
        assertFalse(secret.render().contains("top") || secret.render().contains("secret\n"), secret.render());
    }

    @Test
    void aCarriageReturnFromAWindowsEnvFileGetsTheFixForIt() {
        Env e = env(Map.of("PGCTL_ROLE", "primary\r"), Map.of());
        e.get("PGCTL_ROLE");
        assertTrue(e.problems().get(0).fix().get(0).contains("sed -i 's/\\r$//'"), e.problems().toString());
    }

    @Test
    void spacesAroundADirectValueAreTrimmedAndBlankIsUnset() {
        Env e = env(Map.of("A", "  x y  ", "B", "   "), Map.of());
        assertEquals(Optional.of("x y"), e.get("A"));
        assertEquals(Optional.empty(), e.get("B"));
        assertEquals(List.of(), e.problems());
    }

    @Test
    void oneTrailingNewlineOrCrLfOfASecretFileIsTrimmed() {
        Env e = env(Map.of("A_FILE", "/a", "B_FILE", "/b", "C_FILE", "/c"),
                Map.of("/a", "secret-a\n", "/b", "secret-b\r\n", "/c", "secret-c"));
        assertEquals("secret-a", e.secret("A").get().reveal());
        assertEquals("secret-b", e.secret("B").get().reveal());
        assertEquals("secret-c", e.secret("C").get().reveal());
        assertEquals(List.of(), e.problems());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("Kx7a\nrepo1-storage-host=evil\n", "a newline (\\n) at position 5", "printf '%s' 'the-value' > /run/secrets/s3"),
                Arguments.of("Kx7abc\n\n", "a newline (\\n) at position 7 of 7", "printf '%s'"),
                Arguments.of("Kx7abc\r", "a carriage return (\\r) at position 7 of 7", "sed -i 's/\\r$//' /run/secrets/s3"),
                Arguments.of("Kx7\rabc\r\n", "a carriage return (\\r) at position 4", "sed -i 's/\\r$//' /run/secrets/s3"),
                Arguments.of("Kx7abc\r\n\r\n", "a carriage return (\\r) at position 7", "sed -i"),
                Arguments.of("Kx7\tabc", "a tab (\\t) at position 4", "printf '%s'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFiles")
    void aSecretFileWithMoreThanOneLineIsRefusedWithoutShowingIt(String content, String where, String fix) {
        Env e = env(Map.of("PGBACKREST_REPO1_S3_KEY_SECRET_FILE", "/run/secrets/s3"), Map.of("/run/secrets/s3", content));
        e.secret("PGBACKREST_REPO1_S3_KEY_SECRET");
        e.secret("PGBACKREST_REPO1_S3_KEY_SECRET");
        assertEquals(1, e.problems().size(), "reported once: " + e.problems());
        Problem p = e.problems().get(0);
        assertEquals("PGBACKREST_REPO1_S3_KEY_SECRET_FILE", p.subject());
        assertTrue(p.what().contains("the file /run/secrets/s3 holds " + where), p.what());
        assertTrue(p.what().contains("file contents are never shown"), p.what());
        assertTrue(p.fix().stream().anyMatch(f -> f.contains(fix)), p.fix().toString());
        assertFalse(p.render().contains("Kx7") || p.render().contains("abc") || p.render().contains("evil"),
                "printed the content: " + p.render());
    }

    @Test
    void aFileNameWithANewlineIsRefusedAndNotRead() {
        Env e = new Env(Map.of("A_FILE", "/run/secrets/a\n/etc/shadow"), p -> {
            throw new AssertionError("read " + p);
        });
        assertEquals(Optional.empty(), e.get("A"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals("A_FILE", e.problems().get(0).subject());
    }

    @Test
    void onceRefusedAVariableGetsNoSecondProblemThatWouldPrintItRaw() {
        Env e = env(Map.of("X", "a\nb"), Map.of());
        e.get("X");
        e.report(Problem.of("X", "'a\nb' is not valid", ""));
        e.report(Problem.of("X_FILE", "cannot read", ""));
        assertEquals(1, e.problems().size(), e.problems().toString());
        e.report(Problem.of("Y", "other", ""));
        assertEquals(2, e.problems().size());
    }

    @Test
    void aFileThatIsNotUtf8IsNamedAsSuch() {
        Env e = new Env(Map.of("A_FILE", "/a"), p -> {
            throw new MalformedInputException(1);
        });
        e.get("A");
        assertTrue(e.problems().get(0).what().contains("it is not UTF-8 text"), e.problems().toString());
    }

    @Test
    void problemsPrintControlCharactersAsEscapesAndContinueNewlinesIndented() {
        String r = Problem.of("S", "x\ry\u001b[31m", "why\nmore", "fix\n2").render();
        assertEquals("S: x\\ry\\u001b[31m\n  why: why\n       more\n  fix: fix\n       2", r);
    }

    @Test
    void secretNamesAreRecognised() {
        for (String n : List.of("PGBACKREST_REPO1_S3_KEY", "PGBACKREST_REPO1_S3_KEY_SECRET", "PGBACKREST_REPO1_CIPHER_PASS",
                "PGCTL_REPLICATION_PASSWORD", "POSTGRES_PASSWORD_FILE", "PGBACKREST_REPO1_S3_TOKEN")) {
            assertTrue(Env.secretName(n), n);
        }
        for (String n : List.of("PGBACKREST_REPO1_S3_REGION", "POSTGRES_USER", "PGDATA", "PGBACKREST_REPO1_S3_KEY_TYPE")) {
            assertFalse(Env.secretName(n), n);
        }
    }
}
