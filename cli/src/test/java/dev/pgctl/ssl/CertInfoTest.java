package dev.pgctl.ssl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertInfoTest {
    /** SANs as the JDK reports them for a certificate pgctl generated. */
    static final CertInfo GENERATED = new CertInfo("CN=db", "CN=pgctl private CA for db",
            List.of("DNS:db", "DNS:371372b37539", "DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1"),
            Instant.EPOCH, Instant.MAX, "AA");

    @Test
    void coversTheNamesPgctlAsksForIncludingIpv6Loopback() {
        assertTrue(GENERATED.covers(List.of("DNS:db", "DNS:localhost", "IP:127.0.0.1", "IP:::1")));
        assertTrue(GENERATED.covers(List.of("DNS:DB")));
    }

    @Test
    void aMissingNameIsNotCovered() {
        assertFalse(GENERATED.covers(List.of("DNS:db.example.com")));
    }
}
