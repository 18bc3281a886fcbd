package dev.pgctl.retention;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CalendarRetention by the calendar (PGCTL_RETENTION), e.g. {@code daily=7,weekly=4,monthly=12,yearly=2}: how many of the
 * most recent days, ISO weeks, months and years keep their first full backup. Parsed here, applied by
 * {@link Retention#decide}. Pure.
 *
 * @param counts for each period, how many periods back it keeps (a period left out keeps none)
 */
public record CalendarPolicy(Map<Period, Integer> counts) {
    /** The most periods back one rule may keep: 100 years of days. */
    public static final int MAX = 36_500;

    public CalendarPolicy {
        counts = Map.copyOf(counts);
    }

    /** The periods a rule counts, as they are written. */
    public enum Period {
        DAILY, WEEKLY, MONTHLY, YEARLY;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public int count(Period p) {
        return counts.getOrDefault(p, 0);
    }

    /** The policy as written: the rules in the order daily, weekly, monthly, yearly. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Period p : Period.values()) {
            if (counts.containsKey(p)) {
                sb.append(sb.isEmpty() ? "" : ",").append(p.word()).append('=').append(counts.get(p));
            }
        }
        return sb.toString();
    }

    /** A value that is not a policy: why, for the guided error. */
    public record Defect(String why) {
    }

    /**
     * Parses {@code period=N[,period=N...]}: each period at most once, N from 1 to {@link #MAX}; spaces around
     * the parts are allowed.
     */
    public static CalendarPolicyOrDefect parse(String text) {
        Map<Period, Integer> counts = new EnumMap<>(Period.class);
        if (text.isBlank()) {
            return CalendarPolicyOrDefect.defect("is empty");
        }
        for (String part : text.split(",", -1)) {
            String rule = part.strip();
            int eq = rule.indexOf('=');
            if (rule.isEmpty()) {
                return CalendarPolicyOrDefect.defect("has an empty rule (two commas, or one at an end)");
            }
            if (eq < 0) {
                return CalendarPolicyOrDefect.defect("rule '" + rule + "' has no '=' (write period=count)");
            }
            String name = rule.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String count = rule.substring(eq + 1).strip();
            Optional<Period> p = Arrays.stream(Period.values()).filter(x -> x.word().equals(name)).findFirst();
            if (p.isEmpty()) {
                return CalendarPolicyOrDefect.defect("'" + name + "' is not a period (daily, weekly, monthly, yearly)");
            }
            if (counts.containsKey(p.get())) {
                return CalendarPolicyOrDefect.defect("names " + name + " twice");
            }
            int n;
            try {
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                return CalendarPolicyOrDefect.defect(name + "='" + count + "' is not a whole number");
            }
            if (n < 1 || n > MAX) {
                return CalendarPolicyOrDefect.defect(name + "=" + n + " is out of range (1 to " + MAX
                        + "; leave a period out to keep none of it)");
            }
            counts.put(p.get(), n);
        }
        return new CalendarPolicyOrDefect(Optional.of(new CalendarPolicy(counts)), Optional.empty());
    }

    /** The outcome of {@link #parse}: a policy or why the text is none. */
    public record CalendarPolicyOrDefect(Optional<CalendarPolicy> policy, Optional<Defect> defect) {
        static CalendarPolicyOrDefect defect(String why) {
            return new CalendarPolicyOrDefect(Optional.empty(), Optional.of(new Defect(why)));
        }
    }
}
