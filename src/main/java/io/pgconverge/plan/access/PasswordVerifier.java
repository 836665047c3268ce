package io.pgconverge.plan.access;

import io.pgconverge.facts.ScramVerifier;
import io.pgconverge.model.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What CREATE / ALTER ROLE sends as PASSWORD: a verifier the server stores as it is, never the password. From
 * PostgreSQL 10 a SCRAM-SHA-256 verifier; before 10, which knows no SCRAM (it would store the verifier's text as
 * if it were the password), {@code md5} and the hex MD5 of password and role name. Shown as {@code (sensitive)}.
 */
public record PasswordVerifier(String text) {
    public static PasswordVerifier scram(ScramVerifier verifier) {
        return new PasswordVerifier(verifier.text());
    }

    public static PasswordVerifier md5(String role, Secret password) {
        return new PasswordVerifier("md5" + md5Hex(password.reveal() + role));
    }

    /**
     * The MD5 of a stored md5 verifier, which is what the facts carry instead of the verifier itself (an md5
     * verifier is enough to log in with): a role's password is unchanged when this matches.
     */
    public static String md5Check(String role, Secret password) {
        return md5Hex(md5(role, password).text);
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }
}
