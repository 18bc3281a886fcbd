package dev.pgctl.restore;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import dev.pgctl.render.SafeValue;
import dev.pgctl.text.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two files that carry pgBackRest restore options from one start of pgctl to the next: the
 * in-place restore request ({@code pgctl restore} writes it into PGDATA, bootstrap reads it) and the
 * restore marker (bootstrap writes it beside PGDATA while a restore runs, and reads it to resume an
 * interrupted one). One option per line; only the target options pgctl itself writes are written
 * or read back, and none may hold a character that would split its line.
 */
public final class InPlaceRequest {
    /** The pgBackRest restore options pgctl writes; anything else is never passed on. */
    private static final Pattern OPTION =
            Pattern.compile("--(type|target|set|target-action|target-exclusive|target-timeline)(=.*)?");

    private InPlaceRequest() {
    }

    /** The request file: a comment saying what was asked, then the options. */
    public static String request(Instant at, String target, List<String> options) {
        StringBuilder sb = new StringBuilder();
        sb.append(SafeValue.line("the restore request", "its comment",
                "# pgctl restore requested an in-place restore at " + at + " to " + target + ".")).append('\n');
        sb.append("# Remove this file to cancel it (the cluster then starts as it is).\n");
        options.forEach(o -> sb.append(option("the restore request", o)).append('\n'));
        return sb.toString();
    }

    /** The marker of a restore in progress, with the options it was started with. */
    public static String marker(Instant started, List<String> options) {
        StringBuilder sb = new StringBuilder("restore started " + started + "\noptions recorded\n");
        options.forEach(o -> sb.append("option ").append(option("the restore marker", o)).append('\n'));
        return sb.toString();
    }

    private static String option(String file, String o) {
        SafeValue.line(file, "a restore option", o);
        if (!OPTION.matcher(o).matches()) {
            throw new IllegalArgumentException("refusing to write an option other than pgBackRest's restore target "
                    + "options into " + file);
        }
        return o;
    }

    /** The options of the request file; a file that cannot be read, or holds anything else, is refused (exit 3). */
    public static List<String> readRequest(Path request) {
        String text;
        try {
            text = Files.readString(request);
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.CONFIG, Problem.of(request.toString(),
                    "cannot be read as pgctl's in-place restore request (" + e.getClass().getSimpleName() + ")",
                    "pgctl writes this file itself (pgctl restore); it is not a regular file of postgres'",
                    "remove it to start the cluster as it is: docker run --rm -u postgres -v <volume>:/var/lib/postgresql "
                            + "<image> rm " + request,
                    "then request the restore again: docker exec -it <container> pgctl restore ..."));
        }
        return requestOptions(request, text);
    }

    /** The options an interrupted restore was started with, when its marker recorded them. */
    public static Optional<List<String>> readMarker(Path marker) throws IOException {
        return markerOptions(marker, Files.readString(marker));
    }

    /** The options of a request file's text; anything but comments, blank lines and target options is refused. */
    public static List<String> requestOptions(Path file, String text) {
        List<String> opts = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String l = line.strip();
            if (SafeText.safe(line) && (l.isEmpty() || l.startsWith("#"))) {
                continue;
            }
            if (!SafeText.safe(line) || !OPTION.matcher(l).matches()) {
                throw new PgctlException(ExitCodes.CONFIG, Problem.of(file.toString(),
                        "line " + n + " holds '" + SafeText.visible(line) + "', which is not a restore option pgctl writes",
                        "the file is written by pgctl restore; pgctl does not pass anything else to pgBackRest",
                        "request the restore again: docker exec -it <container> pgctl restore ...",
                        "or remove the file to start the cluster as it is"));
            }
            opts.add(l);
        }
        return opts;
    }

    /** The options an interrupted restore was started with, when its marker recorded them. */
    public static Optional<List<String>> markerOptions(Path file, String text) {
        List<String> opts = new ArrayList<>();
        boolean recorded = false;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.startsWith("options recorded")) {
                recorded = true;
            }
            if (!line.startsWith("option ")) {
                continue;
            }
            String o = line.substring(7).strip();
            if (!SafeText.safe(line) || !OPTION.matcher(o).matches()) {
                throw new PgctlException(ExitCodes.CONFIG, Problem.of(file.toString(),
                        "line " + n + " holds '" + SafeText.visible(line) + "', which is not a restore option pgctl writes",
                        "bootstrap resumes the interrupted restore with the options recorded there, and passes nothing "
                                + "else to pgBackRest",
                        "remove the 'options recorded' and 'option ...' lines from " + file
                                + ": the restore then resumes with the PGCTL_RESTORE_* settings"));
            }
            opts.add(o);
        }
        return recorded ? Optional.of(opts) : Optional.empty();
    }
}
