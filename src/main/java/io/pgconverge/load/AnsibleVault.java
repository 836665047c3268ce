package io.pgconverge.load;

import io.pgconverge.model.Secret;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Text encrypted by {@code ansible-vault} (format 1.1, and 1.2 with a vault id), opened in memory: a header line
 * {@code $ANSIBLE_VAULT;1.1;AES256[;ID]}, then hex of "hex(salt) LF hex(hmac) LF hex(ciphertext)"; keys from
 * PBKDF2-HMAC-SHA256 (10000 rounds, 80 bytes: AES key, HMAC key, counter), HMAC-SHA256 over the ciphertext,
 * AES-256-CTR, PKCS#7 padding. Nothing decrypted is ever written anywhere.
 */
public record AnsibleVault(String version, Optional<String> vaultId, byte[] salt, byte[] hmac, byte[] ciphertext) {
    public static final String HEADER = "$ANSIBLE_VAULT;";
    private static final int ROUNDS = 10_000;

    /** Whether the text is vault-encrypted (its first non-blank characters are the vault header). */
    public static boolean isEncrypted(String text) {
        return text.stripLeading().startsWith(HEADER);
    }

    /** Reads the envelope; empty when it is not one ansible-vault writes. */
    public static Optional<AnsibleVault> parse(String text) {
        String[] lines = text.strip().split("\\s*\\n\\s*");
        String[] header = lines[0].strip().split(";");
        if (header.length < 3 || !header[0].equals("$ANSIBLE_VAULT") || !header[2].equals("AES256")
                || !(header[1].equals("1.1") || header[1].equals("1.2"))) {
            return Optional.empty();
        }
        Optional<String> id = header.length > 3 && header[1].equals("1.2") ? Optional.of(header[3]) : Optional.empty();
        try {
            String body = new String(HexFormat.of().parseHex(String.join("", Arrays.copyOfRange(lines, 1,
                    lines.length))), StandardCharsets.US_ASCII);
            String[] parts = body.split("\n");
            if (parts.length != 3) {
                return Optional.empty();
            }
            HexFormat hex = HexFormat.of();
            return Optional.of(new AnsibleVault(header[1], id, hex.parseHex(parts[0]), hex.parseHex(parts[1]),
                    hex.parseHex(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The plaintext, or empty when the password is not the one it was encrypted with. */
    public Optional<byte[]> open(Secret password) {
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] keys = pbkdf2.generateSecret(new PBEKeySpec(password.reveal().toCharArray(), salt, ROUNDS, 80 * 8))
                    .getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
            if (!MessageDigest.isEqual(mac.doFinal(ciphertext), hmac)) {
                return Optional.empty();
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(keys, 64, 80)));
            return unpad(aes.doFinal(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks PBKDF2, HMAC-SHA256 or AES-CTR", e);
        }
    }

    private static Optional<byte[]> unpad(byte[] padded) {
        if (padded.length == 0) {
            return Optional.empty();
        }
        int n = padded[padded.length - 1] & 0xff;
        if (n < 1 || n > 16 || n > padded.length) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(padded, padded.length - n));
    }
}
