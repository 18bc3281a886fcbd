package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.config.RestoreTimes;
import dev.pgctl.problem.Problem;
import dev.pgctl.config.RestoreTarget;
import dev.pgctl.config.RestoreTarget.Names;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RestoreTargetsTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final RepoInfo INFO = new RepoInfo(0, "ok", List.of(
            backup("20261120-010000F", "2026-11-20T01:05:00Z"),
            backup("20261120-010000F_20261121-010000D", "2026-11-21T01:02:00Z")),
            Optional.of("000000010000000000000001"), Optional.of("00000001000000000000002A"), false, Optional.empty(), Optional.empty());

    static RepoInfo.Backup backup(String label, String stop) {
        return new RepoInfo.Backup(label, label.endsWith("F") ? "full" : "diff", Instant.parse(stop).minusSeconds(300),
                Instant.parse(stop), 1, 1, Optional.empty(), Optional.empty(), Map.of(), false);
    }

    static RestoreTarget time(String t) {
        return new RestoreTarget(RestoreTimes.parse(t), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void optionsForEachKindOfTarget() {
        assertEquals(List.of(), RestoreTargets.options(RestoreTarget.latest()));
        assertEquals(List.of("--type=time", "--target=2026-11-21 02:00:00.000000+00:00", "--target-action=promote"),
                RestoreTargets.options(time("2026-11-21 03:00:00+01")));
        assertEquals(List.of("--type=name", "--target=before-upgrade", "--target-action=promote"),
                RestoreTargets.options(new RestoreTarget(Optional.empty(), Optional.of("before-upgrade"), Optional.empty(), Optional.empty())));
        assertEquals(List.of("--type=lsn", "--target=0/3000060", "--target-action=promote"),
                RestoreTargets.options(new RestoreTarget(Optional.empty(), Optional.empty(), Optional.of("0/3000060"), Optional.empty())));
        assertEquals(List.of("--set=20261120-010000F", "--type=immediate", "--target-action=promote"),
                RestoreTargets.options(new RestoreTarget(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("20261120-010000F"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-23T00:00:00Z | is in the future",
        "2026-11-19 00:00:00+00 | is before the oldest restorable point"})
    void timesOutsideWhatTheRepositoryHoldsAreRefused(String t, String what) {
        Problem p = RestoreTargets.check(time(t), INFO, NOW).orElseThrow();
        assertEquals("PGCTL_RESTORE_TARGET_TIME", p.subject());
        assertTrue(p.what().contains(what), p.what());
        assertTrue(p.why().contains("can restore from 2026-11-20T01:05:00Z"), p.why());
        assertTrue(p.why().contains("00000001000000000000002A"), p.why());
    }

    @Test
    void aTimeInsideTheRangeIsAccepted() {
        assertEquals(Optional.empty(), RestoreTargets.check(time("2026-11-21T10:00:00Z"), INFO, NOW));
    }

    @Test
    void anUnknownBackupSetIsRefusedWithTheLabelsThereAre() {
        Problem p = RestoreTargets.check(new RestoreTarget(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("20261101-010000F")), INFO, NOW).orElseThrow();
        assertEquals("PGCTL_RESTORE_SET", p.subject());
        assertTrue(p.why().contains("20261120-010000F_20261121-010000D"), p.why());
        assertEquals(List.of("PGCTL_RESTORE_SET=20261120-010000F_20261121-010000D"), p.fix());
    }

    @Test
    void timesParseInTheFormsPeopleWrite() {
        OffsetDateTime expected = OffsetDateTime.parse("2026-11-22T03:10:00Z");
        for (String s : List.of("2026-11-22 03:10:00+00", "2026-11-22T03:10:00Z", "2026-11-22 03:10:00+00:00",
                "2026-11-22T05:10:00+02:00", "2026-11-22 03:10:00 +0000")) {
            assertEquals(expected.toInstant(), RestoreTimes.parse(s).orElseThrow(() -> new AssertionError(s)).toInstant(), s);
        }
        assertTrue(RestoreTimes.parse("2026-11-22 03:10:00").isEmpty(), "no zone: ambiguous");
        assertTrue(RestoreTimes.parse("yesterday").isEmpty());
    }

    /** How pgctl restore turned a refusal naming PGCTL_RESTORE_* into one naming its options, before check took Names. */
    static Problem asOption(Problem p) {
        String option = switch (p.subject()) {
            case "PGCTL_RESTORE_SET" -> "--set";
            default -> "--time";
        };
        List<String> fix = p.fix().stream().map(f -> f.replace("PGCTL_RESTORE_TARGET_TIME=", "--time ")
                .replace("PGCTL_RESTORE_SET=", "--set ").replace("unset PGCTL_RESTORE_SET", "leave out --set")).toList();
        return new Problem(option, p.what(), p.why(), fix);
    }

    static List<RestoreTarget> refusedTargets() {
        return List.of(time("2026-11-23T00:00:00Z"), time("2026-11-19 00:00:00+00"),
                new RestoreTarget(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("20261101-010000F")),
                new RestoreTarget(RestoreTimes.parse("2026-11-20T12:00:00Z"), Optional.empty(), Optional.empty(),
                        Optional.of("20261120-010000F_20261121-010000D")));
    }

    @ParameterizedTest
    @MethodSource("refusedTargets")
    void forTheCommandLineTheSameRefusalNamesTheOptions(RestoreTarget t) {
        Problem env = RestoreTargets.check(t, INFO, NOW).orElseThrow();
        assertEquals(env, RestoreTargets.check(t, INFO, NOW, Names.ENV).orElseThrow());
        assertEquals(asOption(env), RestoreTargets.check(t, INFO, NOW, Names.CLI).orElseThrow());
    }
}
