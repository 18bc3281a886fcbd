package dev.pgctl.pg;

import java.util.List;
import java.util.Optional;

/**
 * Streaming replication as this node sees it; the JSON schema of {@code pgctl replica status --json}
 * and the {@code replication} field of {@code pgctl status --json} (stable names; fields may be added).
 *
 * @param role      "standby" (this node follows a primary) or "primary"
 * @param upstream  standby only: what this node streams from
 * @param replicas  primary only: the standbys streaming from it
 * @param slots     primary only: physical replication slots
 */
public record ReplicationReport(String role, Optional<Upstream> upstream, List<Downstream> replicas, List<Slot> slots) {

    /**
     * @param state       the WAL receiver's state (streaming, catchup, ...) or "not connected"
     * @param lagBytes    received but not yet replayed
     * @param lagSeconds  age of the last replayed transaction while WAL is waiting to be replayed; 0 when caught up
     */
    public record Upstream(String state, Optional<String> host, Optional<Integer> port, Optional<String> slot,
            long lagBytes, double lagSeconds, Optional<String> replayLsn, Optional<String> lastReplayTime) {
    }

    public record Downstream(String name, Optional<String> address, String state, String syncState, long lagBytes,
            Optional<Double> replayLagSeconds) {
    }

    public record Slot(String name, boolean active, long retainedBytes) {
    }
}
