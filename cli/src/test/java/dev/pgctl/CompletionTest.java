package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgctl.cmd.CompletionCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * completion/pgctl.bash is generated from the picocli model (this fails when it is out of date); completion/pgctl.zsh
 * is no copy of it but loads it through zsh's bashcompinit, so the two cannot drift apart.
 */
class CompletionTest {
    static final Path BASH = Path.of("../completion/pgctl.bash");
    static final Path ZSH = Path.of("../completion/pgctl.zsh");

    @Test
    void committedBashCompletionMatchesTheCommandModel() throws Exception {
        String expected = CompletionCommand.script("bash", Pgctl.commandLine());
        assertEquals(expected, Files.readString(BASH), "completion/pgctl.bash is out of date: regenerate it with cli/regenerate-completion");
        assertTrue(expected.contains("replica") && expected.contains("--yes"), "subcommands and options are in it");
    }

    @Test
    void zshLoadsTheBashScriptInsteadOfCopyingIt() throws Exception {
        String zsh = Files.readString(ZSH);
        assertTrue(zsh.contains("bashcompinit") && zsh.contains("/pgctl.bash"), zsh);
        assertTrue(zsh.contains("/usr/share/bash-completion/completions/pgctl"), "the image's path, where pgctl.bash is installed");
        assertFalse(zsh.contains("_complete_pgctl"), "no copy of the bash script");
        // what `pgctl completion zsh` prints (one file to source) is the same bash script after zsh's preamble
        assertTrue(CompletionCommand.script("zsh", Pgctl.commandLine()).endsWith(CompletionCommand.script("bash", Pgctl.commandLine())));
    }

    /** Sourcing pgctl.zsh in a real zsh registers pgctl's completion (skipped where zsh is not installed). */
    @Test
    void zshCompletesPgctlWithTheBashScript(@TempDir Path home) throws Exception {
        File zshBinary = new File("/usr/bin/zsh").exists() ? new File("/usr/bin/zsh") : new File("/bin/zsh");
        assumeTrue(zshBinary.canExecute(), "zsh is not installed");
        ProcessBuilder pb = new ProcessBuilder(zshBinary.getPath(), "-f", "-c",
                "source " + ZSH.toAbsolutePath().normalize() + " && print -r -- \"${_comps[pgctl]}\"")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("ZDOTDIR", home.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("_complete_pgctl"), "zsh's completion for pgctl calls the bash script's function: " + output);
    }
}
