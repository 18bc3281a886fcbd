package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/** completion/pgctl.bash is generated from the picocli model; this fails when it is out of date. */
class CompletionTest {
    @Test
    void committedCompletionMatchesTheCommandModel() throws Exception {
        Path committed = Path.of("../completion/pgctl.bash");
        String expected = AutoComplete.bash("pgctl", Pgctl.commandLine());
        assertEquals(expected, Files.readString(committed),
                "completion/pgctl.bash is out of date: regenerate it with cli/regenerate-completion");
    }
}
