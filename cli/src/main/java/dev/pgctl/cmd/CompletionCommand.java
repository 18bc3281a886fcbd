package dev.pgctl.cmd;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the shell completion script for pgctl, generated from its command model. The image "
                + "installs the bash one, so `docker exec -it <container> bash` completes pgctl's subcommands and options."},
        footer = {"", "Examples:", "  pgctl completion bash > /etc/bash_completion.d/pgctl",
            "  pgctl completion zsh > ~/.pgctl.zsh && echo 'source ~/.pgctl.zsh' >> ~/.zshrc"})
public final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh (default: ${DEFAULT-VALUE})")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(shell.name(), spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The completion script; completion/pgctl.bash and completion/pgctl.zsh are these, committed. */
    public static String script(String shell, CommandLine root) {
        String bash = AutoComplete.bash("pgctl", root);
        if (shell.equals("bash")) {
            return bash;
        }
        return "# zsh completion for pgctl, generated from its command model (pgctl completion zsh).\n"
                + "# Load it from ~/.zshrc:  source /path/to/pgctl.zsh\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash;
    }
}
