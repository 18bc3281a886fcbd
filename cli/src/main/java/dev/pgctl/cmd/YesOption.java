package dev.pgctl.cmd;

import picocli.CommandLine.Option;

/**
 * {@code --yes}, mixed into every command that asks for confirmation (ui.Confirm): scripts and cron, which
 * have no terminal to answer on, pass it. The description is the same everywhere unless a command's key in
 * {@code cmd/options.properties} says more (e.g. {@code pgctl.restore.yes}).
 */
public final class YesOption {
    @Option(names = "--yes", descriptionKey = "yes", description = "Do not ask for confirmation.")
    private boolean yes;

    public boolean given() {
        return yes;
    }
}
