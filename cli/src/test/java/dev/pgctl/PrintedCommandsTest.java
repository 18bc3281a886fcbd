package dev.pgctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every whole pgctl command line that people are told to run, as README, --help and the guided fix messages print
 * it, is one that pgctl's command model accepts as written: the subcommand exists, each option is one of its
 * options, each value converts (a TYPE that is full, diff or incr...). Collected from README's code blocks and
 * the spans that start with "docker", every command's --help, and the string literals of the main sources that
 * start with "docker exec", "docker run", "docker compose exec" or "pgctl ". Usage synopses (with "|", "[" or an
 * upper-case placeholder) are not command lines; a literal that ends with a space is the start of a message that
 * code completes, not a command.
 */
class PrintedCommandsTest {
    /** "pgctl" as a command word, then its arguments up to a comment, a pipe, a redirection or the next command. */
    static final Pattern COMMAND = Pattern.compile(
            "(?:^\\s*|(?:docker (?:compose )?exec|docker run)\\s[^#`\"\\n]*?)pgctl ([a-z][a-z-]*[^#`\"|&;>\\n]*)", Pattern.MULTILINE);
    /** A synopsis, not a command line: alternatives, optional parts, an ellipsis or an upper-case placeholder. */
    static final Pattern SYNOPSIS = Pattern.compile("[|\\[]|\\.\\.\\.|(?:^| )[A-Z][A-Z_]*(?: |$)");

    static List<List<String>> commandsIn(String text) {
        List<List<String>> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            String code = line.replaceFirst("\\s#.*$", "");
            Matcher m = COMMAND.matcher(line);
            while (m.find()) {
                String args = m.group(1).strip();
                String rest = code.substring(Math.min(code.length(), m.start(1)));
                if (SYNOPSIS.matcher(rest.replaceAll("\\|\\s*jq.*$", "")).find() || line.contains("...")) {
                    continue;   // a usage synopsis: full|diff|incr [--label TEXT]
                }
                found.add(words(args));
            }
        }
        return found;
    }

    /** Shell words: spaces separate, single quotes group. */
    static List<String> words(String s) {
        List<String> w = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(s);
        while (m.find()) {
            w.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return w;
    }

    static Set<String> readmeCommands() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Set<String> texts = new LinkedHashSet<>();
        boolean block = false;
        for (String line : readme.split("\n")) {
            if (line.startsWith("```")) {
                block = !block;
                continue;
            }
            if (block && (line.startsWith("docker ") || line.startsWith("$ docker ") || line.startsWith("pgctl "))) {
                texts.add(line.replaceFirst("^\\$ ", ""));
            }
        }
        Matcher span = Pattern.compile("`(docker [^`]*pgctl [^`]*)`").matcher(readme);
        while (span.find()) {
            texts.add(span.group(1));
        }
        return texts;
    }

    static Set<String> helpCommands() {
        Set<String> texts = new LinkedHashSet<>();
        collectHelp(Pgctl.commandLine(), texts);
        return texts;
    }

    /** The help's description and footer lines as written (before wrapping) that start with a command. */
    private static void collectHelp(CommandLine cl, Set<String> texts) {
        var usage = cl.getCommandSpec().usageMessage();
        for (String[] part : List.of(usage.description(), usage.footer(), usage.header())) {
            for (String line : part) {
                String l = line.strip();
                if (l.startsWith("docker ") || l.startsWith("pgctl ")) {
                    texts.add(l);
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> collectHelp(sub, texts));
    }

    static Set<String> sourceCommands() throws IOException {
        Set<String> texts = new LinkedHashSet<>();
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\\\n]++|\\\\.)*+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    String s = m.group(1);
                    if (s.matches("(?s).*(?:docker exec|docker run|docker compose exec).*") && !s.endsWith(" ")) {
                        texts.add(s.replace("\\n", "\n"));
                    }
                }
            }
        }
        return texts;
    }

    private static List<String> refused(Set<String> texts) {
        List<String> bad = new ArrayList<>();
        for (String text : texts) {
            for (List<String> args : commandsIn(text)) {
                try {
                    Pgctl.commandLine().parseArgs(args.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    bad.add(String.join(" ", args) + "  <- " + text.strip() + ": " + e.getMessage());
                }
            }
        }
        return bad;
    }

    @Test
    void readmesCommandLinesAreAccepted() throws IOException {
        Set<String> texts = readmeCommands();
        assertTrue(texts.size() > 40, "README's command lines found: " + texts.size());
        assertEquals(List.of(), refused(texts));
    }

    @Test
    void helpsExamplesAreAccepted() {
        Set<String> texts = helpCommands();
        assertTrue(texts.size() > 20, "examples found in --help: " + texts);
        assertEquals(List.of(), refused(texts));
    }

    @Test
    void theCommandsFixMessagesNameAreAccepted() throws IOException {
        Set<String> texts = sourceCommands();
        assertTrue(texts.size() > 20, "command lines found in the sources: " + texts);
        assertEquals(List.of(), refused(texts));
    }

    /** The extraction itself: a command line is found, a synopsis is not, a pipe or a comment ends it. */
    @Test
    void findsCommandLinesNotSynopses() {
        assertEquals(List.of(List.of("restore", "--time", "2026-11-22 03:10:00+00")),
                commandsIn("docker exec -it <c> pgctl restore --time '2026-11-22 03:10:00+00'   # asks first"));
        assertEquals(List.of(List.of("status", "--json")), commandsIn("docker exec <c> pgctl status --json | jq .warnings"));
        assertEquals(List.of(), commandsIn("docker exec <c> pgctl backup full|diff|incr [--label TEXT]"));
        assertEquals(List.of("backup --type=full  <- docker exec x pgctl backup --type=full: "),
                refused(Set.of("docker exec x pgctl backup --type=full")).stream().map(s -> s.substring(0, s.indexOf(": ") + 2)).toList());
    }
}
