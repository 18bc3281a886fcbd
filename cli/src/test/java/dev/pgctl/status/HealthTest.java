package dev.pgctl.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthTest {
    @ParameterizedTest(name = "restoring={0} copying={1} ready={2} expected={3} alive={4} -> {5}")
    @CsvSource({
        // a long first-start restore or copy is never unhealthy, whatever else is true
        "true,  false, false, false, false, true,  starting: restoring from the repository",
        "false, true,  false, false, false, true,  starting: copying the primary",
        "false, false, false, false, false, false, PostgreSQL does not accept connections",
        "false, false, false, true,  true,  false, PostgreSQL does not accept connections",
        "false, false, true,  true,  false, false, the backup scheduler is not running (fix: docker restart <container>)",
        "false, false, true,  true,  true,  true,  PostgreSQL accepts connections",
        "false, false, true,  false, false, true,  PostgreSQL accepts connections"})
    void decides(boolean restoring, boolean copying, boolean ready, boolean expected, boolean alive, boolean healthy,
            String message) {
        assertEquals(new Health.Result(healthy, message),
                Health.decide(new Health.Input(restoring, copying, ready, expected, alive)));
    }
}
