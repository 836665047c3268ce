package io.pgconverge.plan.access;

import io.pgconverge.facts.RoleFact;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.plan.task.AlterRole;
import io.pgconverge.plan.task.CreateRole;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the roles of the playbook on the primary: a missing role is created, a differing one altered;
 * attributes the playbook leaves out stay as the server has them. A stored SCRAM verifier that the
 * playbook's password reproduces (same salt and iterations) is no change; a new verifier is computed here,
 * client-side, with a salt from the {@link SaltSource}. Before PostgreSQL 10 the verifier is an md5 one, unchanged
 * when the MD5 of the stored one matches.
 */
public final class RolePlanner {
    private final ResolvedSecrets secrets;
    private final SaltSource salts;
    private final int version;

    /** @param version the primary's major version: SCRAM verifiers from 10, md5 ones before */
    public RolePlanner(ResolvedSecrets secrets, SaltSource salts, int version) {
        this.secrets = secrets;
        this.salts = salts;
        this.version = version;
    }

    /**
     * @param existing the primary's roles (for a primary initialised anew: the bootstrap superuser)
     */
    public List<Task> plan(String primary, List<RoleSpec> roles, Map<String, RoleFact> existing) {
        List<Task> tasks = new ArrayList<>();
        for (RoleSpec spec : roles) {
            String id = primary + "/role/" + spec.name();
            Optional<Secret> password = secrets.find(spec.password());
            RoleFact fact = existing.get(spec.name());
            if (fact == null) {
                tasks.add(new CreateRole(id, primary, spec.name(), options(spec, null),
                        password.map(p -> verifier(spec.name(), p)), "the role does not exist"));
                continue;
            }
            List<String> changes = changes(spec, fact);
            boolean passwordChanges = password.isPresent() && !passwordMatches(fact, password.get());
            if (passwordChanges) {
                changes.add("password" + (fact.passwordKind().equals("none") ? ": set" : ": changed"));
            }
            if (!changes.isEmpty()) {
                tasks.add(new AlterRole(id, primary, spec.name(), options(spec, fact), changes,
                        passwordChanges ? password.map(p -> verifier(spec.name(), p)) : Optional.empty(),
                        "the role differs from the playbook"));
            }
        }
        return tasks;
    }

    /** The bootstrap superuser initdb creates, named after the OS user it runs as. */
    public static RoleFact bootstrapSuperuser(String name) {
        return new RoleFact(name, true, true, true, true, true, -1, "none", Optional.empty(), Optional.empty());
    }

    private boolean passwordMatches(RoleFact fact, Secret password) {
        if (!PgMajorVersion.atLeast(version, 10)) {
            return fact.md5Check().filter(PasswordVerifier.md5Check(fact.name(), password)::equals).isPresent();
        }
        return fact.passwordKind().equals("scram-sha-256") && fact.scram().isPresent()
                && ScramSha256.matches(fact.scram().get(), password);
    }

    private PasswordVerifier verifier(String role, Secret password) {
        return PgMajorVersion.atLeast(version, 10)
                ? PasswordVerifier.scram(ScramSha256.verifier(password, salts.salt(role), ScramSha256.DEFAULT_ITERATIONS))
                : PasswordVerifier.md5(role, password);
    }

    /** SQL options for the attributes the playbook states and (with a fact) that differ. */
    private static List<String> options(RoleSpec spec, RoleFact fact) {
        List<String> options = new ArrayList<>();
        flag(options, "SUPERUSER", spec.superuser(), fact == null ? null : fact.superuser());
        flag(options, "LOGIN", spec.login(), fact == null ? null : fact.login());
        flag(options, "REPLICATION", spec.replication(), fact == null ? null : fact.replication());
        flag(options, "CREATEDB", spec.createdb(), fact == null ? null : fact.createdb());
        flag(options, "CREATEROLE", spec.createrole(), fact == null ? null : fact.createrole());
        spec.connectionLimit().filter(limit -> fact == null || limit != fact.connectionLimit())
                .ifPresent(limit -> options.add("CONNECTION LIMIT " + limit));
        return options;
    }

    private static void flag(List<String> options, String name, Optional<Boolean> wanted, Boolean current) {
        if (wanted.isPresent() && !wanted.get().equals(current)) {
            options.add(wanted.get() ? name : "NO" + name);
        }
    }

    private static List<String> changes(RoleSpec spec, RoleFact fact) {
        List<String> changes = new ArrayList<>();
        change(changes, "superuser", spec.superuser(), fact.superuser());
        change(changes, "login", spec.login(), fact.login());
        change(changes, "replication", spec.replication(), fact.replication());
        change(changes, "createdb", spec.createdb(), fact.createdb());
        change(changes, "createrole", spec.createrole(), fact.createrole());
        spec.connectionLimit().filter(limit -> limit != fact.connectionLimit())
                .ifPresent(limit -> changes.add("connection limit: " + fact.connectionLimit() + " -> " + limit));
        return changes;
    }

    private static void change(List<String> changes, String name, Optional<Boolean> wanted, boolean current) {
        if (wanted.isPresent() && wanted.get() != current) {
            changes.add(name + ": " + current + " -> " + wanted.get());
        }
    }
}
