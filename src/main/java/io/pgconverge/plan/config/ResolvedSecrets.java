package io.pgconverge.plan.config;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;

import java.util.Map;
import java.util.Optional;

/** Secret values resolved before planning (the planner reads no environment and no file), by reference. */
public record ResolvedSecrets(Map<SecretRef, Secret> values) {
    public ResolvedSecrets {
        values = Map.copyOf(values);
    }

    public static ResolvedSecrets none() {
        return new ResolvedSecrets(Map.of());
    }

    public Secret get(SecretRef ref) {
        Secret secret = values.get(ref);
        if (secret == null) {
            throw new EngineException("The secret " + ref + " was not resolved before planning.");
        }
        return secret;
    }

    public Optional<Secret> find(Optional<SecretRef> ref) {
        return ref.map(this::get);
    }
}
