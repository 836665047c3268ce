package io.pgconverge.model;

import java.util.Map;
import java.util.Optional;

/**
 * One inventory host with its variables resolved by Ansible's precedence.
 *
 * @param user the OS user the engine logs in as; PostgreSQL runs as this user
 * @param knownHostsFile from {@code -o UserKnownHostsFile=} in ansible_ssh_common_args, else ~/.ssh/known_hosts
 * @param acceptNewHostKeys from {@code -o StrictHostKeyChecking=accept-new}
 * @param vars every variable of the host as loaded, engine's and foreign ones alike
 */
public record Host(String name, String address, int sshPort, String user,
                   Optional<String> privateKeyFile, Optional<String> knownHostsFile, boolean acceptNewHostKeys,
                   ConnectionKind connection, PgLayout pg, Map<String, Object> vars) {
    public Host {
        vars = Map.copyOf(vars);
    }
}
