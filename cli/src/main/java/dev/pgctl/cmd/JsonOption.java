package dev.pgctl.cmd;

import dev.pgctl.json.Json;
import dev.pgctl.ui.Out;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --json}, mixed into every command that prints a report: the report as JSON on stdout instead of
 * the text for people. The description is the same everywhere unless a command's key in
 * {@code cmd/options.properties} says more (e.g. {@code pgctl.check.json}).
 */
public final class JsonOption {
    @Option(names = "--json", descriptionKey = "json", description = "Print the report as JSON (stable field names).")
    private boolean json;

    public boolean on() {
        return json;
    }

    /** The report as JSON, or {@code text} (the report for people), on stdout. */
    public void print(Out out, Object report, Supplier<String> text) {
        if (json) {
            out.stdout().println(Json.pretty(report));
        } else {
            out.stdout().print(text.get());
        }
    }
}
