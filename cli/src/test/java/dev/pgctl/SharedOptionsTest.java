package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * --json and --yes come from one mixin each (cmd.JsonOption, cmd.YesOption); what --help says of them stays
 * what each command said before, including where a command says more (cmd/options.properties).
 */
class SharedOptionsTest {
    static final String REPORT = "Print the report as JSON (stable field names).";

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("backups", "--json", REPORT),
                Arguments.of("status", "--json", REPORT),
                Arguments.of("replica status", "--json", REPORT),
                Arguments.of("check", "--json", "Print the result as JSON: {\"ok\": bool, \"checks\": [{name, status, detail, fix}]}."),
                Arguments.of("restore", "--json", "Print the result as JSON (see README, Restore drills)."),
                Arguments.of("replica promote", "--yes", "Do not ask for confirmation."),
                Arguments.of("restore", "--yes", "In-place restore: do not ask for confirmation (for scripts)."));
    }

    @ParameterizedTest(name = "pgctl {0} {1}")
    @MethodSource("options")
    void helpDescribesTheSharedOptionAsTheCommandDid(String command, String option, String description) {
        CommandLine cl = Pgctl.commandLine();
        for (String name : command.split(" ")) {
            cl = cl.getSubcommands().get(name);
        }
        assertEquals(description, String.join(" ", cl.getCommandSpec().findOption(option).description()));
    }
}
