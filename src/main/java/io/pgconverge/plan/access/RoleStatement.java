package io.pgconverge.plan.access;

import java.util.List;
import java.util.Optional;

/** Builds CREATE ROLE / ALTER ROLE statements; the verifier is in the executed text only. */
public final class RoleStatement {
    private RoleStatement() {
    }

    public static SqlStatement of(String verb, String role, List<String> options, Optional<PasswordVerifier> password) {
        StringBuilder head = new StringBuilder(verb).append(" ROLE ").append(SqlText.identifier(role));
        if (!options.isEmpty() || password.isPresent()) {
            head.append(" WITH");
        }
        for (String option : options) {
            head.append(' ').append(option);
        }
        if (password.isEmpty()) {
            return SqlStatement.of(head.toString());
        }
        return new SqlStatement(head + " PASSWORD " + SqlText.literal(password.get().text()),
                head + " PASSWORD (sensitive)");
    }
}
