package dev.pgctl.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With a second repository (issue 19) the repository metrics have one series per repository (repo="1", repo="2"). */
class Repo2MetricsTest {
    @Test
    void eachRepositoryIsReportedOnItsOwnAndTheOneThatIsDownIsZero() {
        MetricsMappingTest.F f = new MetricsMappingTest.F();
        InfoResult two = new InfoResult(Optional.of(MetricsMappingTest.info(List.of(
                MetricsMappingTest.backup("20261122-031500F", "full", "2026-11-22T03:15:00Z", 60, 100, 55)))), "");
        InfoResult one = new InfoResult(Optional.empty(), "[HostConnectError] unable to connect to 's3:9191'");
        f.repo = Snapshot.Repository.read(new InfoResult(two.info(), "", Map.of(1, one, 2, two)),
                Instant.parse("2026-11-22T02:59:30Z"));
        String text = MetricsMappingTest.render(f);
        assertTrue(text.contains("pgctl_repository_reachable{repo=\"1\"} 0.0"), text);
        assertTrue(text.contains("pgctl_repository_reachable{repo=\"2\"} 1.0"), text);
        assertTrue(text.contains("pgctl_repository_refresh_age_seconds{repo=\"2\"} 30.0"), text);
        assertTrue(text.contains("pgctl_repository_size_bytes{repo=\"2\"} " + (double) (55L << 20)), text);
        assertFalse(text.contains("pgctl_repository_size_bytes{repo=\"1\"}"), "nothing is known of repo1's size: " + text);
        assertFalse(text.contains("unable to connect"), "no error text in a label: " + text);
    }

    @Test
    void oneRepositoryIsRepo1AsBefore() {
        String text = MetricsMappingTest.render(new MetricsMappingTest.F());
        assertTrue(text.contains("pgctl_repository_reachable{repo=\"1\"} 1.0"), text);
        assertFalse(text.contains("repo=\"2\""), text);
    }
}
