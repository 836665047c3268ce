package io.pgconverge.plan.access;

import java.security.SecureRandom;

/**
 * Where the salts of new SCRAM verifiers come from: an input of the planner, so that planning stays a
 * function of its inputs (tests pass a fixed source).
 */
@FunctionalInterface
public interface SaltSource {
    /** A fresh 16-byte salt (PostgreSQL's length) for a new password of {@code role}. */
    byte[] salt(String role);

    static SaltSource secureRandom() {
        SecureRandom random = new SecureRandom();
        return role -> {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            return salt;
        };
    }
}
