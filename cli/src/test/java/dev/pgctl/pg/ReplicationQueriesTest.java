package dev.pgctl.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationQueriesTest {
    @Test
    void parsesAStreamingStandby() {
        assertEquals(new ReplicationReport.Upstream("streaming", Optional.of("db-primary"), Optional.of(5432),
                Optional.of("replica_1"), 0, 0.0, Optional.of("0/5000060"), Optional.of("2026-11-22T03:00:00Z")),
                ReplicationQueries.parseUpstream("streaming|db-primary|5432|replica_1|0|0|0/5000060|2026-11-22T03:00:00Z\n"));
    }

    @Test
    void parsesADisconnectedStandby() {
        assertEquals(new ReplicationReport.Upstream("not connected", Optional.empty(), Optional.empty(), Optional.empty(),
                16384, 12.5, Optional.of("0/5000060"), Optional.empty()),
                ReplicationQueries.parseUpstream("not connected||||16384|12.5|0/5000060|\n"));
    }

    @Test
    void parsesReplicasAndSlotsOfAPrimary() {
        assertEquals(List.of(new ReplicationReport.Downstream("replica_1", Optional.of("172.18.0.3"), "streaming", "async", 0,
                Optional.of(0.0012)), new ReplicationReport.Downstream("r2", Optional.empty(), "catchup", "async", 42, Optional.empty())),
                ReplicationQueries.parseReplicas("replica_1|172.18.0.3|streaming|async|0|0.0012\nr2||catchup|async|42|\n"));
        assertEquals(List.of(), ReplicationQueries.parseReplicas(""));
        assertEquals(List.of(new ReplicationReport.Slot("replica_1", true, 1024)), ReplicationQueries.parseSlots("replica_1|t|1024\n"));
    }
}
