package io.pgconverge.plan.access;

import io.pgconverge.facts.ScramVerifier;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 password verifiers as PostgreSQL stores them (RFC 5802 / RFC 7677):
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}, with
 * SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations), ClientKey = HMAC(SaltedPassword,
 * "Client Key"), StoredKey = SHA-256(ClientKey), ServerKey = HMAC(SaltedPassword, "Server Key").
 * The password is used as its UTF-8 bytes (SASLprep leaves ASCII passwords unchanged).
 */
public final class ScramSha256 {
    /** PostgreSQL's default iteration count. */
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final String PREFIX = "SCRAM-SHA-256$";

    private ScramSha256() {
    }

    public static ScramVerifier verifier(Secret password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password.reveal().getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] storedKey = sha256(hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII)));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        Base64.Encoder b64 = Base64.getEncoder();
        return new ScramVerifier(PREFIX + iterations + ":" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey));
    }

    /**
     * Whether {@code stored} was computed from {@code password}: recomputed with the stored salt and
     * iteration count. A malformed verifier matches nothing.
     */
    public static boolean matches(ScramVerifier stored, Secret password) {
        String text = stored.text();
        if (!text.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = text.substring(PREFIX.length()).split("[$:]");
        if (parts.length != 4) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            if (iterations < 1 || salt.length == 0) {
                return false;
            }
            byte[] expected = verifier(password, salt, iterations).text().getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256 and one output block. */
    private static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[first.length - 1] = 1;
        Mac mac = mac(password);
        byte[] u = mac.doFinal(first);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new EngineException("This Java runtime lacks HMAC-SHA-256.", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new EngineException("This Java runtime lacks SHA-256.", e);
        }
    }
}
