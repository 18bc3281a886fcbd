package dev.pgctl.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.config.Config;
import dev.pgctl.config.ConfigLoader;
import dev.pgctl.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HOSTNAME is not read through Env, but it reaches primary_conninfo: only a plain host name gets there. */
class ApplicationNameTest {
    static Config replica(String... kv) throws Exception {
        Map<String, String> m = new HashMap<>(Map.of("PGCTL_ROLE", "replica", "PGCTL_PRIMARY_HOST", "db",
                "PGCTL_REPLICATION_PASSWORD", "r"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new ConfigLoader(new Env(m, p -> ""), 2).load();
    }

    @Test
    void theContainersHostNameOnlyWhenItIsAPlainOne() throws Exception {
        Config c = replica();
        assertEquals("3f2a9c1d0b7e", ApplicationName.of(c, "3f2a9c1d0b7e"));
        assertEquals("db-replica.example", ApplicationName.of(c, "db-replica.example"));
        assertEquals("replica", ApplicationName.of(c, ""));
        assertEquals("replica", ApplicationName.of(c, "x\nprimary_conninfo = 'host=evil'"));
        assertEquals("replica", ApplicationName.of(c, "it's"));
        assertEquals("replica_1", ApplicationName.of(replica("PGCTL_REPLICATION_SLOT", "replica_1"), "x\ny"));
    }
}
