package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.cmd.CompletionCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** completion/pgctl.bash and pgctl.zsh are generated from the picocli model; this fails when they are out of date. */
class CompletionTest {
    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void committedCompletionMatchesTheCommandModel(String shell) throws Exception {
        Path committed = Path.of("../completion/pgctl." + shell);
        String expected = CompletionCommand.script(shell, Pgctl.commandLine());
        assertEquals(expected, Files.readString(committed),
                "completion/pgctl." + shell + " is out of date: regenerate it with cli/regenerate-completion");
        assertTrue(expected.contains("replica") && expected.contains("--yes"), "subcommands and options are in it");
    }
}
