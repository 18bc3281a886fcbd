package dev.pgctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.Problem;
import dev.pgctl.config.RestoreTarget.Names;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** pgctl restore's --time, --name, --lsn and --set get the checks of their PGCTL_RESTORE_* twins. */
class RestoreTargetTest {

    record Input(String time, String name, String lsn, String set) {
    }

    record Parsed(RestoreTarget target, List<Problem> problems) {
    }

    /** Through the entry point of each source: the environment's variables, or the command line's options. */
    static Parsed from(Input in, Names names) {
        List<Problem> problems = new ArrayList<>();
        RestoreTarget t;
        if (names == Names.ENV) {
            Map<String, String> env = new HashMap<>();
            env.put("PGCTL_RESTORE_TARGET_TIME", in.time());
            env.put("PGCTL_RESTORE_TARGET_NAME", in.name());
            env.put("PGCTL_RESTORE_TARGET_LSN", in.lsn());
            env.put("PGCTL_RESTORE_SET", in.set());
            env.put("PGCTL_RESTORE_ON_EMPTY", "require"); // a neighbour that is no part of the target
            t = RestoreTarget.fromEnvironment(v -> Optional.ofNullable(env.get(v)), problems::add);
        } else {
            t = RestoreTarget.fromCommandLine(in.time(), in.name(), in.lsn(), in.set(), problems::add);
        }
        return new Parsed(t, problems);
    }

    static List<Problem> parse(Input in, Names names) {
        return from(in, names).problems();
    }

    /** index: 0 time, 1 name, 2 lsn, 3 set. */
    static Stream<Arguments> badTargets() {
        return Stream.of(
                Arguments.of(new Input(null, null, "0/1\n--repo1-path=/elsewhere", null), 2, "holds a newline (\\n) at position 4", "again, on one line"),
                Arguments.of(new Input(null, null, "3000060", null), 2, "is not an LSN", "0/3000060"),
                Arguments.of(new Input(null, null, null, "20261122-010000F\n--type=none"), 3, "holds a newline", "again, on one line"),
                Arguments.of(new Input(null, null, null, "latest"), 3, "is not a backup label", "20261122-010000F"),
                Arguments.of(new Input(null, "x\n--target-action=shutdown", null, null), 1, "holds a newline", "again, on one line"),
                Arguments.of(new Input(null, "x\ty", null, null), 1, "holds a tab (\\t) at position 2", "again, on one line"),
                Arguments.of(new Input(null, "it's", null, null), 1, "holds a quote (')", "before-upgrade"),
                Arguments.of(new Input(null, " padded", null, null), 1, "starts or ends with a space", "before-upgrade"),
                Arguments.of(new Input(null, "é".repeat(32), null, null), 1, "is longer than 63 bytes", "before-upgrade"),
                // RestoreTimes.parse would trim the newline away: the character check comes first
                Arguments.of(new Input("2026-11-22 03:10:00+00\n", null, null, null), 0, "holds a newline (\\n) at position 23", "again, on one line"),
                Arguments.of(new Input("2026-11-22 03:10", null, null, null), 0, "is not a time with a time zone", "'2026-11-22 03:10:00+00'"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badTargets")
    void theCommandLineAndTheEnvironmentRefuseTheSameTargetsEachNamingItsOwnInput(Input in, int which, String what, String fix) {
        for (Names names : List.of(Names.CLI, Names.ENV)) {
            String subject = List.of(names.time(), names.name(), names.lsn(), names.set()).get(which);
            List<Problem> ps = parse(in, names);
            assertEquals(1, ps.size(), ps.toString());
            assertEquals(subject, ps.get(0).subject());
            assertTrue(ps.get(0).what().contains(what), ps.get(0).what());
            assertTrue(ps.get(0).fix().stream().anyMatch(f -> f.contains(fix)), ps.get(0).fix().toString());
            assertTrue(ps.get(0).fix().stream().anyMatch(f -> f.contains(subject)), "the fix names " + subject + ": " + ps.get(0).fix());
        }
    }

    @Test
    void fixLinesAreWrittenAsOptionsOrAsVariables() {
        assertEquals(List.of("--lsn 0/3000060"), parse(new Input(null, null, "x", null), Names.CLI).get(0).fix());
        assertEquals(List.of("PGCTL_RESTORE_TARGET_LSN=0/3000060"),
                parse(new Input(null, null, "x", null), Names.ENV).get(0).fix());
    }

    @Test
    void goodTargetsPass() {
        assertEquals(List.of(), parse(new Input("2026-11-22T03:10:00Z", null, null, "20261122-010000F"), Names.CLI));
        assertEquals(List.of(), parse(new Input(null, "before upgrade #2", null, null), Names.CLI));
        assertEquals(List.of(), parse(new Input(null, null, "0/3000060", null), Names.CLI));
    }

    static Stream<Arguments> goodTargets() {
        Optional<String> none = Optional.empty();
        return Stream.of(
                Arguments.of(new Input(null, null, null, null), RestoreTarget.latest(),
                        "the latest backup and all archived WAL"),
                Arguments.of(new Input("2026-11-22 05:10:00+02", null, null, null),
                        new RestoreTarget(Optional.of(OffsetDateTime.parse("2026-11-22T05:10:00+02:00")), none, none, none),
                        "time 2026-11-22T05:10+02:00"),
                Arguments.of(new Input("2026-11-22T03:10:00Z", null, null, "20261122-010000F"),
                        new RestoreTarget(Optional.of(OffsetDateTime.parse("2026-11-22T03:10:00Z")), none, none,
                                Optional.of("20261122-010000F")), "time 2026-11-22T03:10Z"),
                Arguments.of(new Input(null, "before upgrade #2", null, null),
                        new RestoreTarget(Optional.empty(), Optional.of("before upgrade #2"), none, none),
                        "restore point 'before upgrade #2'"),
                Arguments.of(new Input(null, null, "0/3000060", null),
                        new RestoreTarget(Optional.empty(), none, Optional.of("0/3000060"), none), "LSN 0/3000060"),
                Arguments.of(new Input(null, null, null, "20261122-010000F_20261123-010000D"),
                        new RestoreTarget(Optional.empty(), none, none, Optional.of("20261122-010000F_20261123-010000D")),
                        "the end of backup 20261122-010000F_20261123-010000D"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("goodTargets")
    void theCommandLineAndTheEnvironmentGiveTheSameTarget(Input in, RestoreTarget expected, String described) {
        for (Names names : List.of(Names.CLI, Names.ENV)) {
            Parsed p = from(in, names);
            assertEquals(List.of(), p.problems(), names.toString());
            assertEquals(expected, p.target(), names.toString());
            assertEquals(described, p.target().describe());
        }
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badTargets")
    void aRefusedValueIsLeftOutOfTheTargetAndTheProblemDiffersOnlyInHowItNamesItsInput(Input in, int which, String what,
            String fix) {
        Parsed cli = from(in, Names.CLI);
        Parsed env = from(in, Names.ENV);
        assertEquals(cli.target(), env.target());
        assertEquals(RestoreTarget.latest(), cli.target(), "the only value given was refused");
        assertEquals(inEnvironmentTerms(cli.problems().get(0).what()), env.problems().get(0).what());
        assertEquals(cli.problems().get(0).why(), env.problems().get(0).why());
    }

    /** The command line's words for the target's inputs, as the environment's. */
    static String inEnvironmentTerms(String text) {
        List<String> cli = List.of(Names.CLI.time(), Names.CLI.name(), Names.CLI.lsn(), Names.CLI.set());
        List<String> env = List.of(Names.ENV.time(), Names.ENV.name(), Names.ENV.lsn(), Names.ENV.set());
        for (int i = 0; i < cli.size(); i++) {
            text = text.replace(cli.get(i), env.get(i));
        }
        return text;
    }

    @Test
    void twoTargetsInTheEnvironmentAreRefusedNamingTheVariables() {
        // the command line never gets here: picocli refuses two of --time, --name, --lsn (RestoreOptionsTest)
        List<Problem> ps = parse(new Input("2026-11-22T03:10:00Z", null, "0/3000060", null), Names.ENV);
        assertEquals(1, ps.size(), ps.toString());
        assertEquals("PGCTL_RESTORE_TARGET_TIME", ps.get(0).subject());
        assertEquals("more than one of PGCTL_RESTORE_TARGET_TIME, PGCTL_RESTORE_TARGET_NAME and PGCTL_RESTORE_TARGET_LSN is set",
                ps.get(0).what());
    }

    @Test
    void fixLinesForTheSameRefusalAreOptionsOrVariables() {
        Names cli = Names.CLI;
        Names env = Names.ENV;
        assertEquals("--set 20261122-010000F", cli.fix(cli.set(), "20261122-010000F"));
        assertEquals("PGCTL_RESTORE_SET=20261122-010000F", env.fix(env.set(), "20261122-010000F"));
        assertEquals("leave out --set", cli.leaveOut(cli.set()));
        assertEquals("unset PGCTL_RESTORE_SET", env.leaveOut(env.set()));
    }
}
