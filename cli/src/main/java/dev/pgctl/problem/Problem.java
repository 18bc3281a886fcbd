package dev.pgctl.problem;

import dev.pgctl.text.SafeText;
import java.util.Arrays;
import java.util.List;

/**
 * A guided error: what is wrong (naming the variable or file), why it matters,
 * and the exact lines or commands that fix it.
 *
 * @param subject the environment variable or file the problem is about
 * @param what    what is wrong, in one sentence
 * @param why     why it matters (may be empty)
 * @param fix     lines that fix it: env lines ({@code NAME=value}) or shell commands
 */
public record Problem(String subject, String what, String why, List<String> fix) {

    public Problem {
        fix = List.copyOf(fix);
    }

    public static Problem of(String subject, String what, String why, String... fix) {
        return new Problem(subject, what, why, List.of(fix));
    }

    /** No S3 repository is configured; why says what needed one. */
    public static Problem noRepository(String why) {
        return of("PGBACKREST_REPO1_S3_BUCKET", "no backup repository is configured", why,
                "PGBACKREST_REPO1_S3_BUCKET=my-backups",
                "PGBACKREST_REPO1_S3_ENDPOINT=s3.eu-west-1.amazonaws.com",
                "PGBACKREST_REPO1_S3_REGION=eu-west-1",
                "PGBACKREST_REPO1_S3_KEY=<access key id>",
                "PGBACKREST_REPO1_S3_KEY_SECRET_FILE=/run/secrets/s3-secret");
    }

    /**
     * Multi-line plain text, the same on a terminal and in docker logs. Control characters inside a
     * part (a carriage return, a terminal escape) are printed as escapes, and a newline in a part (a
     * tool's multi-line error) continues it indented, so no text in a problem starts a line of its own.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(part(subject)).append(": ").append(part(what));
        if (!why.isEmpty()) {
            sb.append("\n  why: ").append(part(why));
        }
        if (!fix.isEmpty()) {
            sb.append("\n  fix: ").append(part(fix.get(0)));
            for (int i = 1; i < fix.size(); i++) {
                sb.append("\n       ").append(part(fix.get(i)));
            }
        }
        return sb.toString();
    }

    private static String part(String s) {
        return String.join("\n       ", Arrays.stream(s.split("\n", -1)).map(SafeText::visible).toList());
    }
}
