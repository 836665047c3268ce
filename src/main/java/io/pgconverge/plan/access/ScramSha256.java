package io.pgconverge.plan.access;

import io.pgconverge.facts.ScramVerifier;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

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

    /**
     * Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256 and one output block. The HMAC key is the same in every
     * iteration, so the digests of its inner and outer pad blocks are computed once and copied per iteration:
     * two SHA-256 compressions an iteration instead of the four of {@code javax.crypto.Mac} (the iterations are most of a
     * plan's time when roles have passwords).
     */
    private static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[first.length - 1] = 1;
        PaddedKey key = PaddedKey.of(password);
        byte[] u = key.hmac(first);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = key.hmac(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    /** HMAC-SHA-256 (RFC 2104) of one key, with the SHA-256 states after its inner and outer pad blocks. */
    private record PaddedKey(MessageDigest inner, MessageDigest outer) {
        private static final int BLOCK = 64;

        static PaddedKey of(byte[] key) {
            byte[] k = key.length > BLOCK ? sha256(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            MessageDigest inner = digest();
            inner.update(ipad);
            MessageDigest outer = digest();
            outer.update(opad);
            return new PaddedKey(inner, outer);
        }

        byte[] hmac(byte[] data) {
            try {
                MessageDigest in = (MessageDigest) inner.clone();
                in.update(data);
                MessageDigest out = (MessageDigest) outer.clone();
                return out.digest(in.digest());
            } catch (CloneNotSupportedException e) {
                throw new EngineException("This Java runtime cannot copy a SHA-256 state.", e);
            }
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return PaddedKey.of(key).hmac(data);
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new EngineException("This Java runtime lacks SHA-256.", e);
        }
    }
}
