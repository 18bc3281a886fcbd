package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirstRunTest {
    @ParameterizedTest(name = "{0} ({1}), job runs={2}, up={3}, in recovery={4}: {5} ({6})")
    @CsvSource(nullValues = "?", delimiter = '|', value = {
        // recorded state  | recorded step            | job runs | up    | recovery | shown state | shown message
        "pending           | waiting for PostgreSQL   | true     | false | ?        | pending     | ''",
        "pending           | waiting for PostgreSQL   | true     | true  | false    | pending     | ''",
        // after a restore: PostgreSQL answers while it replays WAL, and the job rightly waits for the promotion
        "pending           | waiting for PostgreSQL   | true     | true  | true     | pending     | it accepts connections but is still in recovery (replaying WAL after a restore); the job goes on once it is promoted",
        // a job that was killed never updates its state
        "pending           | waiting for PostgreSQL   | false    | true  | false    | stopped     | the after-start job ended without finishing",
        "running           | first full backup        | false    | true  | false    | stopped     | the after-start job ended without finishing",
        "running           | first full backup        | true     | true  | false    | running     | ''",
        // finished states are shown as recorded, whether the job runs or not
        "done              | first full backup        | false    | true  | false    | done        | took 7 s",
        "failed            | stanza-create            | false    | true  | false    | failed      | took 7 s",
        "failed            | waiting for PostgreSQL   | false    | true  | true     | failed      | took 7 s"})
    void theRowTellsTheJobAsItStandsNow(String state, String step, boolean jobRunning, boolean up, Boolean recovery,
            String shownState, String shownMessage) {
        String message = state.equals("done") || state.equals("failed") ? "took 7 s" : "";
        StatusReport.Job recorded = new StatusReport.Job(state, step, message, "2026-11-22T02:45:08Z");
        assertEquals(Optional.of(new StatusReport.Job(shownState, step, shownMessage, "2026-11-22T02:45:08Z")),
                FirstRun.shown(Optional.of(recorded), jobRunning, up, Optional.ofNullable(recovery)));
    }

    @Test
    void noRecordedStateNoRow() {
        assertEquals(Optional.empty(), FirstRun.shown(Optional.empty(), false, true, Optional.of(false)));
    }
}
