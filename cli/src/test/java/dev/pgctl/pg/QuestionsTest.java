package dev.pgctl.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgctl.pg.Questions.Question;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuestionsTest {
    private static final String M = "\u001e";

    @Test
    void eachStatementFramedByMarkersAndOneAfterTheLast() {
        assertEquals(List.of("-c", "select chr(30) || 'a'", "-c", "select 1",
                        "-c", "select chr(30) || 'b'", "-c", "show ssl",
                        "-c", "select chr(30) || 'end'"),
                Questions.arguments(List.of(new Question("a", "select 1"), new Question("b", "show ssl"))));
    }

    @Test
    void answersAreTheLinesBetweenMarkers() {
        String out = M + "recovery\nf\n" + M + "replicas\n" + M + "slots\nslot1|t|0\nslot2|f|16\n" + M + "end\n";
        Map<String, String> a = Questions.answers(out);
        assertEquals(Map.of("recovery", "f\n", "replicas", "", "slots", "slot1|t|0\nslot2|f|16\n"), a);
    }

    @Test
    void anEmptyStringValueIsAnAnswer() {
        // a standby's walfile question answers '' (one empty line)
        Map<String, String> a = Questions.answers(M + "walfile\n\n" + M + "end\n");
        assertEquals(Optional.of(""), new Questions.Answers(a).value("walfile"));
    }

    @Test
    void aFailedQuestionAndEveryOneAfterItHaveNoAnswer() {
        // ON_ERROR_STOP: psql stopped at 'archiver'; no marker followed it
        String out = M + "recovery\nt\n" + M + "archiver\n";
        var a = new Questions.Answers(Questions.answers(out));
        assertEquals(Optional.of("t"), a.value("recovery"));
        assertEquals(Optional.empty(), a.get("archiver"));
        assertEquals(Optional.empty(), a.get("walfile"));
    }

    @Test
    void nothingAnsweredWhenPsqlPrintedNothing() {
        assertEquals(Map.of(), Questions.answers(""));
    }

    @Test
    void aNameThatWouldBreakTheMarkerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Question("it's", "select 1"));
        assertThrows(IllegalArgumentException.class, () -> new Question("end", "select 1"));
    }
}
