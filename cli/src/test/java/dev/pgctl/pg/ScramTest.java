package dev.pgctl.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramTest {
    // RFC 7677's example user: password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
    // KNOWN was computed independently (Python's hashlib.pbkdf2_hmac and hmac, RFC 5802's formulas);
    // the replica scenario proves a real PostgreSQL 18 accepts these verifiers.
    static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

    @Test
    void verifierHasPostgresFormatAndMatchesOnlyItsPassword() {
        String v = Scram.verifier("pencil", SALT, 4096);
        assertTrue(v.matches("SCRAM-SHA-256\\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}"), v);
        assertTrue(Scram.matches(v, "pencil"));
        assertFalse(Scram.matches(v, "pencil2"));
        assertFalse(Scram.matches("md5abc", "pencil"));
        assertFalse(Scram.matches("", "pencil"));
    }

    @Test
    void freshVerifiersUseFreshSalts() {
        String a = Scram.verifier("pencil");
        String b = Scram.verifier("pencil");
        assertNotEquals(a, b);
        assertTrue(Scram.matches(a, "pencil") && Scram.matches(b, "pencil"));
    }

    @Test
    void knownVector() {
        assertEquals(KNOWN, Scram.verifier("pencil", SALT, 4096));
    }

    static final String KNOWN = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY="
            + ":wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";
}
