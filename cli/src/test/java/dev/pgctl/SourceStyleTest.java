package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A class's dependencies are read from its imports: no code line names a class by its package
 * ({@code dev.pgctl.x.Y}, {@code java.util.Y} inline), which hides what a file depends on.
 */
class SourceStyleTest {
    private static final Pattern INLINE_QUALIFIED =
            Pattern.compile("(?<![.\\w\"])(dev\\.pgctl|java\\.(util|nio|io|time|net))(\\.[a-z][a-z0-9]*)*\\.[A-Z]");

    static List<String> inlineQualifiedNames(Path file, List<String> lines) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.startsWith("import ") || s.startsWith("package ") || s.startsWith("*") || s.startsWith("/*")
                    || s.startsWith("//")) {
                continue;
            }
            if (INLINE_QUALIFIED.matcher(s).find()) {
                found.add(file + ":" + (i + 1) + ": " + s);
            }
        }
        return found;
    }

    @Test
    void noInlineQualifiedNamesInMainSources() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(inlineQualifiedNames(f, Files.readAllLines(f)));
            }
        }
        assertEquals(List.of(), found, "import these classes instead");
    }

    @Test
    void theCheckSeesAnInlineName() {
        assertEquals(1, inlineQualifiedNames(Path.of("X.java"),
                List.of("import java.util.List;", "  if (java.nio.file.Files.exists(p)) {", "  // java.util.Map in a comment",
                        "  String s = \"dev.pgctl.cmd.X\";")).size());
    }
}
