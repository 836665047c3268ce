package io.pgconverge.cli;

import io.pgconverge.load.SecretResolver;
import io.pgconverge.model.Become;
import io.pgconverge.model.Host;
import io.pgconverge.model.Secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resolved ansible_become_password of each host that has one; a reference that cannot be read is an input error. */
final class BecomePasswords {
    private final Map<String, Secret> byHost;

    private BecomePasswords(Map<String, Secret> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    static BecomePasswords resolve(List<Host> hosts, SecretResolver resolver) {
        Map<String, Secret> byHost = new LinkedHashMap<>();
        for (Host host : hosts) {
            if (host.become().enabled()) {
                Optional<Become.Password> password = host.become().password();
                password.ifPresent(p -> byHost.put(host.name(), resolver.resolve(p.ref(), p.mark())));
            }
        }
        return new BecomePasswords(byHost);
    }

    Optional<Secret> of(String host) {
        return Optional.ofNullable(byHost.get(host));
    }
}
