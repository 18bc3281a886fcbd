package dev.pgctl.ui;

import dev.pgctl.problem.ExitCodes;
import dev.pgctl.problem.PgctlException;
import dev.pgctl.problem.Problem;
import java.io.IOException;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Confirmation of a disruptive command. On a terminal it asks with a JLine prompt; without one
 * (cron, scripts, docker exec without -t) it never waits for an answer: --yes is required.
 */
public final class Confirm {
    private Confirm() {
    }

    /**
     * Returns when the user confirmed (or --yes was given); throws otherwise.
     *
     * @param what    one line: what is about to happen
     * @param command the command to run non-interactively
     */
    public static void require(Out out, boolean yes, String what, String command) {
        if (yes) {
            return;
        }
        if (!out.isTerminal()) {
            throw new PgctlException(ExitCodes.USAGE, Problem.of("--yes", "confirmation needed, and there is no terminal to ask on",
                    what, command + " --yes", "or run it on a terminal: docker exec -it <container> " + command));
        }
        String answer;
        try (Terminal t = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(t).build();
            t.writer().println(what);
            t.flush();
            answer = reader.readLine("Continue? Type 'yes' to confirm: ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        } catch (IOException e) {
            throw new PgctlException(ExitCodes.FAILED, "cannot open the terminal to ask for confirmation: " + e.getMessage()
                    + "; run: " + command + " --yes");
        }
        if (!"yes".equals(answer.strip().toLowerCase(Locale.ROOT))) {
            throw new PgctlException(ExitCodes.FAILED, "not confirmed: nothing was changed");
        }
    }
}
