package dev.pgctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README.md's "Environment" tables are the {@link Variable} table, row for row: name, secret and
 * no-{@code _FILE} marks, default, meaning. When this fails, change whichever is wrong: what the
 * code does is the truth. The message shows the rows as the table would write them.
 */
class VariableReadmeTest {
    static final Path README = Path.of("../README.md");

    /** One README row, as the table writes it (cells trimmed, so {@code | |} is an empty cell). */
    static String row(Variable v) {
        String name = "`" + v.name() + "`" + (v.secret() ? " (secret)" : "") + (v.fileForm() ? "" : " (no `_FILE`)");
        return cells(List.of(name, v.dflt().shown(), v.doc()));
    }

    static String cells(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(c.isBlank() ? " |" : " " + c.strip() + " |");
        }
        return sb.toString();
    }

    /** The rows of README.md's tables under "## Environment", by "### " heading, cells trimmed. */
    static Map<String, List<String>> readmeRows() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean environment = false;
        List<String> current = null;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("## ")) {
                environment = line.equals("## Environment");
                current = null;
            } else if (environment && line.startsWith("### ")) {
                current = new ArrayList<>();
                rows.put(line.substring(4).strip(), current);
            } else if (current != null && line.startsWith("| `")) {
                String inner = line.strip().substring(1, line.strip().length() - 1);
                current.add(cells(Arrays.asList(inner.split("\\|", -1))));
            }
        }
        return rows;
    }

    @Test
    void theReadmeListsEveryVariableOfTheTableAsTheTableSays() throws IOException {
        Map<String, List<String>> readme = readmeRows();
        List<String> errors = new ArrayList<>();
        for (Variable.Section section : Variable.Section.values()) {
            List<String> expected = Arrays.stream(Variable.values()).filter(v -> v.section() == section)
                    .map(VariableReadmeTest::row).toList();
            List<String> actual = readme.get(section.heading);
            if (actual == null) {
                errors.add("README.md has no \"### " + section.heading + "\" under \"## Environment\"");
                continue;
            }
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<String> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                errors.add("### " + section.heading + ":\n  README.md lacks, or has otherwise:\n    "
                        + String.join("\n    ", missing) + "\n  README.md has, but Variable does not say:\n    "
                        + String.join("\n    ", extra));
            } else {
                assertEquals(expected, actual, "### " + section.heading + ": the rows are in another order than Variable's");
            }
        }
        if (!errors.isEmpty()) {
            fail("README.md's environment tables and config/Variable.java differ (the code's behaviour is the truth):\n"
                    + String.join("\n", errors));
        }
    }

    @Test
    void theReadmeHasNoOtherEnvironmentTable() throws IOException {
        List<String> headings = Arrays.stream(Variable.Section.values()).map(s -> s.heading).toList();
        List<String> withRows = readmeRows().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        assertEquals(headings, withRows, "every table of variables under \"## Environment\" is a Variable.Section");
    }
}
