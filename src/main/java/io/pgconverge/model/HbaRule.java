package io.pgconverge.model;

import java.util.Optional;

/**
 * One pg_hba.conf line as the playbook states it.
 *
 * @param type local, host, hostssl, hostnossl, hostgssenc, hostnogssenc
 * @param address CIDR or host name; empty for local
 * @param options trailing auth options (e.g. {@code map=omicron}), if any
 */
public record HbaRule(String type, String database, String user, Optional<String> address, String method,
                      Optional<String> options) {
}
