package dev.pgctl.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtherClusterTest {
    static final Optional<Long> THEIRS = Optional.of(7710822329559109723L);
    static final Optional<Long> OURS = Optional.of(7440000000000000001L);
    static final Optional<Long> UNKNOWN = Optional.empty();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ids differ", false, THEIRS, OURS, true),
                Arguments.of("the same cluster", false, OURS, OURS, false),
                Arguments.of("no stanza yet", true, THEIRS, OURS, false),
                Arguments.of("the stanza's id is unknown", false, UNKNOWN, OURS, false),
                Arguments.of("ours is unknown (server down)", false, THEIRS, UNKNOWN, false),
                Arguments.of("both unknown", false, UNKNOWN, UNKNOWN, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyAKnownStanzaWithAnotherSystemIdBelongsToAnotherCluster(String what, boolean missing, Optional<Long> stanza,
            Optional<Long> ours, boolean other) {
        assertEquals(other, OtherCluster.of(missing, stanza, ours).isPresent(), what);
    }

    @Test
    void namesBothIdsAndSuggestsAStanzaOfItsOwn() {
        OtherCluster o = OtherCluster.of(false, THEIRS, OURS).orElseThrow();
        assertEquals("system id 7710822329559109723; this cluster is 7440000000000000001", o.ids());
        assertEquals("main-674030", o.ownStanza("main"));
        assertEquals("main-a", new OtherCluster(1, 10).ownStanza("main"));
    }
}
