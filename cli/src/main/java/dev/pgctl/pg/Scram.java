package dev.pgctl.pg;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 password verifiers in PostgreSQL's format
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, RFC 5802 / RFC 7677).
 * pgctl sets the replication role's password as a verifier, so the clear text never reaches
 * the server, its logs or pg_stat_activity.
 */
public final class Scram {
    public static final int ITERATIONS = 4096;

    private Scram() {
    }

    public static String verifier(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return verifier(password, salt, ITERATIONS);
    }

    public static String verifier(String password, byte[] salt, int iterations) {
        try {
            byte[] salted = pbkdf2(password, salt, iterations);
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-256 is not available in this Java runtime", e);
        }
    }

    /** True when the stored verifier (rolpassword) was made from this password. */
    public static boolean matches(String stored, String password) {
        return parse(stored).map(p -> MessageDigest.isEqual(
                verifier(password, p.salt(), p.iterations()).getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }

    private record Parsed(int iterations, byte[] salt) {
    }

    private static Optional<Parsed> parse(String stored) {
        if (stored == null || !stored.startsWith("SCRAM-SHA-256$")) {
            return Optional.empty();
        }
        String[] parts = stored.substring("SCRAM-SHA-256$".length()).split("\\$", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String[] head = parts[0].split(":", -1);
        if (head.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(Integer.parseInt(head[0]), Base64.getDecoder().decode(head[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        // PostgreSQL normalises the password with SASLprep; for ASCII passwords that is the identity.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
