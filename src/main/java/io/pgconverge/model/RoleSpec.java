package io.pgconverge.model;

import java.util.Optional;

/** A role as the playbook wants it; an empty attribute is left as the server has it. */
public record RoleSpec(String name, Optional<Boolean> login, Optional<Boolean> superuser,
                       Optional<Boolean> replication, Optional<Boolean> createdb, Optional<Boolean> createrole,
                       Optional<Integer> connectionLimit, Optional<SecretRef> password) {
}
