package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.cmd.Contexts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** main builds only the subcommand it runs; that command must be the same one the whole tree holds. */
class LazySubcommandsTest {
    @Test
    void eachSubcommandAloneHasTheSameHelpAsInTheWholeTree() {
        CommandLine whole = Pgctl.commandLine();
        for (Class<?> c : Pgctl.SUBCOMMANDS) {
            String name = Pgctl.nameOf(c);
            if (name.equals("help") || name.equals("completion")) {
                continue;
            }
            CommandLine alone = Pgctl.forArgs(Contexts.SYSTEM, name, "--help");
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()), name);
            assertEquals(whole.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF),
                    alone.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF), name);
        }
    }

    @Test
    void helpCompletionOptionsAndUnknownNamesGetTheWholeTree() {
        int all = Pgctl.SUBCOMMANDS.size();
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "status"},
                new String[] {"completion", "bash"}, new String[] {"stauts"})) {
            assertEquals(all, Pgctl.forArgs(Contexts.SYSTEM, args).getSubcommands().size(), String.join(" ", args));
        }
        assertTrue(Pgctl.commandLine().getSubcommands().keySet().containsAll(List.of("status", "health", "help")));
        assertEquals(0, Pgctl.forArgs(Contexts.SYSTEM, "--version").getSubcommands().size());
    }

    @Test
    void versionAloneNeedsNoSubcommand() {
        var out = new StringWriter();
        CommandLine cl = Pgctl.forArgs(Contexts.SYSTEM, "--version");
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--version"));
        assertTrue(out.toString().startsWith("pgctl "), out.toString());
    }
}
