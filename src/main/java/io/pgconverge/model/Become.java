package io.pgconverge.model;

import java.util.Optional;

/**
 * Privilege escalation of one host, as Ansible's {@code ansible_become*} variables say: whether the engine changes
 * user at all, to whom its PostgreSQL commands run as, and how. The password is a reference, never the secret.
 *
 * @param enabled  {@code ansible_become}; off, every command runs as the login user
 * @param user     {@code ansible_become_user}: the OS user PostgreSQL runs as (default postgres)
 * @param password {@code ansible_become_password}, a secret reference, with where it is written
 */
public record Become(boolean enabled, String user, BecomeMethod method, Optional<Password> password) {
    public static final String DEFAULT_USER = "postgres";

    /** The password reference and where the inventory sets it (for a message when it cannot be read). */
    public record Password(SecretRef ref, Mark mark) {
    }

    /** No escalation: every command runs as the login user. */
    public static Become none() {
        return new Become(false, DEFAULT_USER, BecomeMethod.SUDO, Optional.empty());
    }

    /**
     * The OS user a command runs as on a host that logs in as {@code login}: without become, the login user
     * itself; with it, the become user for PostgreSQL's work and root for service control.
     */
    public String userFor(RunAs runAs, String login) {
        if (!enabled) {
            return login;
        }
        return runAs == RunAs.ROOT ? "root" : user;
    }
}
