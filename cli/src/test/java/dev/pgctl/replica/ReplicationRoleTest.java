package dev.pgctl.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.replica.ReplicationRole.Action;
import dev.pgctl.pg.Scram;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationRoleTest {
    @Test
    void createsAMissingRoleAndUpdatesOnlyWhatDiffers() {
        String v = Scram.verifier("s3cret");
        assertEquals(Action.CREATE, ReplicationRole.decide(Optional.empty(), "s3cret"));
        assertEquals(Action.NONE, ReplicationRole.decide(Optional.of("t|t|" + v), "s3cret"));
        assertEquals(Action.UPDATE, ReplicationRole.decide(Optional.of("t|t|" + v), "changed"));
        assertEquals(Action.UPDATE, ReplicationRole.decide(Optional.of("t|f|" + v), "s3cret"), "lost REPLICATION");
        assertEquals(Action.UPDATE, ReplicationRole.decide(Optional.of("f|t|" + v), "s3cret"), "lost LOGIN");
        assertEquals(Action.UPDATE, ReplicationRole.decide(Optional.of("t|t|"), "s3cret"), "no password");
        assertEquals(Action.UPDATE, ReplicationRole.decide(Optional.of("t|t|md5123"), "s3cret"), "md5 password");
    }
}
