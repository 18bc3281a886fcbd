package dev.pgctl.notify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pgctl.json.Json;
import dev.pgctl.text.SafeText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The JSON body of an alert: stable field names (README "Notifications"); new fields may be added. {@code text}
 * repeats the rest as one message, which Slack and Mattermost incoming webhooks show as it is. Every text passes
 * the {@link Redactor} and shows control characters as escapes: no secret and no URL reaches a receiver.
 *
 * @param condition the condition id ({@link Condition.Id#wire}), or {@code test} for {@code pgctl notify test}
 * @param status    {@code firing} or {@code resolved}
 * @param severity  {@code critical}, {@code warning}, or {@code info} for a test
 * @param stanza    the pgBackRest stanza: which cluster
 * @param host      the container's host name
 * @param message   one line: what is wrong
 * @param fix       the command that fixes it
 * @param since     when the condition started firing
 * @param time      when this notification was made
 * @param repeat    true for a repeat of an alert that stays firing
 * @param text      all of it for people: "[FIRING critical] wal_archiving_stalled on host (stanza main): ..."
 */
@JsonPropertyOrder({"condition", "status", "severity", "stanza", "host", "message", "fix", "since", "time", "repeat", "text"})
public record Payload(String condition, String status, String severity, String stanza, String host, String message,
        String fix, String since, String time, boolean repeat, String text) {

    /** The payload of an alert event. */
    public static Payload of(Alerts.Event e, String stanza, String host, Instant now, Redactor redactor) {
        Condition c = e.condition();
        return make(c.id().wire(), e.status().wire(), c.severity().wire(), stanza, host, c.message(), c.fix(),
                e.since(), now, e.repeat(), redactor);
    }

    /** The payload of {@code pgctl notify test}. */
    public static Payload test(String stanza, String host, Instant now, Redactor redactor) {
        return make("test", "firing", "info", stanza, host,
                "pgctl notify test: this is a test notification; alerts from this container arrive here",
                "nothing to fix", now, now, false, redactor);
    }

    private static Payload make(String condition, String status, String severity, String stanza, String host,
            String message, String fix, Instant since, Instant now, boolean repeat, Redactor redactor) {
        String m = clean(message, redactor);
        String f = clean(fix, redactor);
        String h = clean(host, redactor);
        String st = clean(stanza, redactor);
        String text = "[" + status.toUpperCase(Locale.ROOT) + (status.equals("resolved") ? "" : " " + severity)
                + (repeat ? ", still" : "") + "] " + condition + " on " + h + " (stanza " + st + "): "
                + (status.equals("resolved") ? "resolved: " : "") + m + (status.equals("resolved") ? "" : "\nfix: " + f);
        return new Payload(condition, status, severity, st, h, m, f, seconds(since), seconds(now), repeat, text);
    }

    private static String clean(String s, Redactor redactor) {
        return SafeText.visible(redactor.apply(s));
    }

    private static String seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public String json() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the alert payload", e);
        }
    }
}
