package dev.pgctl.config;

import dev.pgctl.text.SafeText;
import dev.pgctl.problem.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** pgctl restore's --time, --name, --lsn and --set get the checks of their PGCTL_RESTORE_* twins. */
class RestoreInputTest {

    record Input(String time, String name, String lsn, String set) {
    }

    static List<Problem> parse(Input in, RestoreInput.Names names) {
        List<Problem> problems = new ArrayList<>();
        RestoreInput.parse(Optional.ofNullable(in.time()), Optional.ofNullable(in.name()), Optional.ofNullable(in.lsn()),
                Optional.ofNullable(in.set()), names, problems::add);
        return problems;
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
        for (RestoreInput.Names names : List.of(RestoreInput.Names.CLI, RestoreInput.Names.ENV)) {
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
        assertEquals(List.of("--lsn 0/3000060"), parse(new Input(null, null, "x", null), RestoreInput.Names.CLI).get(0).fix());
        assertEquals(List.of("PGCTL_RESTORE_TARGET_LSN=0/3000060"),
                parse(new Input(null, null, "x", null), RestoreInput.Names.ENV).get(0).fix());
    }

    @Test
    void goodTargetsPass() {
        assertEquals(List.of(), parse(new Input("2026-11-22T03:10:00Z", null, null, "20261122-010000F"), RestoreInput.Names.CLI));
        assertEquals(List.of(), parse(new Input(null, "before upgrade #2", null, null), RestoreInput.Names.CLI));
        assertEquals(List.of(), parse(new Input(null, null, "0/3000060", null), RestoreInput.Names.CLI));
    }

    static Stream<Arguments> drillDirectories() {
        return Stream.of(
                Arguments.of("/tmp/my drill", "holds a space at position 8"),
                Arguments.of("/tmp/$(reboot)", "holds '$'"),
                Arguments.of("/tmp/`id`", "holds '`'"),
                Arguments.of("/tmp/a\"b", "holds '\"'"),
                Arguments.of("/tmp/a'b", "holds '''"),
                Arguments.of("/tmp/a;b", "holds ';'"),
                Arguments.of("/tmp/a,b", "holds ','"),
                Arguments.of("/tmp/a%p", "holds '%'"),
                Arguments.of("/tmp/a\nb", "holds a newline (\\n)"),
                Arguments.of("/tmp/" + "d".repeat(90), "is longer than 93 bytes"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("drillDirectories")
    void aDrillDirectoryThatWouldReachAShellUnquotedIsRefused(String dir, String what) {
        Optional<Problem> p = RestoreInput.drillDirectory(Path.of(dir));
        assertTrue(p.isPresent(), dir);
        assertEquals("--to", p.get().subject());
        assertTrue(p.get().what().contains(what), p.get().what());
        assertTrue(SafeText.safe(p.get().render().replace("\n", "")), p.get().render());
        assertEquals(List.of("pgctl restore --to /tmp/drill"), p.get().fix());
    }

    @Test
    void plainDrillDirectoriesPass() {
        for (String d : List.of("/tmp/drill", "/var/tmp/drill-2026_11.22+1", "/tmp/" + "d".repeat(88))) {
            assertEquals(Optional.empty(), RestoreInput.drillDirectory(Path.of(d)), d);
        }
    }
}
