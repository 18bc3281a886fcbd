package dev.pgctl.pgbackrest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What retention expired after a backup, as pgBackRest's expire step says it in its INFO lines (2.60, its
 * command/expire: "repo1: expire full backup 20261122-030000F" for one backup, "repo1: expire full backup set
 * 20261122-030000F, 20261122-030000F_20261122-033000I" with those that depended on it; also "diff",
 * "time-based"; and "repo1: 18-1 remove archive, start = 000000010000000000000001, stop = 000000010000000000000004").
 * Pure.
 *
 * @param sets   each expired backup set, its labels (the full or diff backup first, then those that depended on it)
 * @param walFrom the first WAL segment removed, if any
 * @param walTo   the last WAL segment removed, if any
 */
public record Expired(List<List<String>> sets, Optional<String> walFrom, Optional<String> walTo) {
    private static final Pattern SET = Pattern.compile("expire (?:full|diff|time-based) backup (?:set:? )?([0-9FDI_, -]+)$");
    private static final Pattern ARCHIVE = Pattern.compile("remove archive, start = ([0-9A-F]{24}), stop = ([0-9A-F]{24})");

    public static Expired parse(String output) {
        List<List<String>> sets = new ArrayList<>();
        Optional<String> from = Optional.empty();
        Optional<String> to = Optional.empty();
        for (String line : output.split("\n")) {
            Matcher s = SET.matcher(line.strip());
            if (s.find()) {
                sets.add(Arrays.stream(s.group(1).split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList());
            }
            Matcher a = ARCHIVE.matcher(line);
            if (a.find()) {
                from = from.isEmpty() || a.group(1).compareTo(from.get()) < 0 ? Optional.of(a.group(1)) : from;
                to = to.isEmpty() || a.group(2).compareTo(to.get()) > 0 ? Optional.of(a.group(2)) : to;
            }
        }
        return new Expired(List.copyOf(sets), from, to);
    }

    /** "backup set 20261122-030000F (with 2 that depended on it); WAL 0000...01 to 0000...04", or "nothing". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (List<String> set : sets) {
            parts.add("backup set " + set.get(0) + (set.size() > 1 ? " (with " + (set.size() - 1) + " that depended on it)" : ""));
        }
        walFrom.ifPresent(f -> parts.add("WAL " + f + " to " + walTo.orElse(f)));
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }
}
