package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.config.Variable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Defaults that --help shows and README.md's environment table (config/Variable) agree. */
class HelpDefaultsTest {
    @Test
    void bootstrapsImageDefaultsToPgctlImageNameWithTheTablesDefault() {
        CommandLine bootstrap = Pgctl.commandLine().getSubcommands().get("bootstrap");
        bootstrap.setInterpolateVariables(false);
        assertEquals("${env:" + Variable.PGCTL_IMAGE_NAME.name() + ":-" + Variable.PGCTL_IMAGE_NAME.dflt().value().orElseThrow() + "}",
                bootstrap.getCommandSpec().findOption("--image").defaultValue());
    }
}
