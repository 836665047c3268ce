package io.pgconverge.model;

import java.util.Map;
import java.util.Optional;

/**
 * One inventory host with its variables resolved by Ansible's precedence.
 *
 * @param user the OS user the engine logs in as; PostgreSQL runs as this user unless {@code become} says otherwise
 * @param knownHostsFile from {@code -o UserKnownHostsFile=} in ansible_ssh_common_args, else ~/.ssh/known_hosts
 * @param acceptNewHostKeys from {@code -o StrictHostKeyChecking=accept-new}
 * @param vars every variable of the host as loaded, engine's and foreign ones alike
 * @param become privilege escalation from the login user ({@code ansible_become*})
 */
public record Host(String name, String address, int sshPort, String user,
                   Optional<String> privateKeyFile, Optional<String> knownHostsFile, boolean acceptNewHostKeys,
                   ConnectionKind connection, PgLayout pg, Map<String, Object> vars, Become become) {
    public Host {
        vars = Map.copyOf(vars);
    }

    /** Without privilege escalation: every command runs as {@code user}. */
    public Host(String name, String address, int sshPort, String user, Optional<String> privateKeyFile,
                Optional<String> knownHostsFile, boolean acceptNewHostKeys, ConnectionKind connection, PgLayout pg,
                Map<String, Object> vars) {
        this(name, address, sshPort, user, privateKeyFile, knownHostsFile, acceptNewHostKeys, connection, pg, vars,
                Become.none());
    }

    /** The OS user a command of this kind runs as on the node. */
    public String userFor(RunAs runAs) {
        return become.userFor(runAs, user);
    }

    /** The OS user PostgreSQL runs as (the owner of its data directory). */
    public String serverUser() {
        return userFor(RunAs.SERVER_USER);
    }
}
