package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimelinesTest {

    @ParameterizedTest(name = "current {0}, repository max {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
        // same timeline, ahead or behind the archive: no fork
        "000000010000000000000007, 000000010000000000000006, none",
        "000000010000000000000007, 000000010000000000000009, none",
        // this server was restored or promoted: it writes the newest timeline
        "000000030000000000000007, 000000020000000000000009, none",
        "000000020000000000000007, 000000020000000000000007, none",
        // a copy promoted on a newer timeline archives into the stanza
        "000000010000000000000009, 000000020000000000000006, 1/2",
        "000000020000000100000000, 0000000A0000000000000001, 2/10",
        // an empty archive, or a name that is not a segment: nothing to say
        "000000010000000000000007, none, none",
        "000000010000000000000007, 00000002.history, none",
        "'', 000000020000000000000006, none",
    })
    void forked(String current, String max, String expected) {
        Optional<String> got = Timelines.forked(current, Optional.ofNullable(max)).map(f -> f.ours() + "/" + f.theirs());
        assertEquals(Optional.ofNullable(expected), got);
    }

    @ParameterizedTest
    @CsvSource({"000000010000000000000007, 1", "0000001F0000000000000007-abc.zst, 31"})
    void timelineOfASegment(String segment, long timeline) {
        assertEquals(Optional.of(timeline), Timelines.of(segment));
    }
}
