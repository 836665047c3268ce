package io.pgconverge.cli;

import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code --limit HOSTS}: the hosts a command works on, in Ansible's host patterns. */
public final class LimitMixin {
    @Option(names = {"-l", "--limit"}, paramLabel = "HOSTS",
            description = "Only these hosts, in Ansible's patterns: node1,node2  pg_main:!node3  node*  ~node[12]"
                    + "  group:&other. plan and apply refuse a limit that leaves out a task a kept one needs, or a"
                    + " host that would keep following an old primary.")
    String limit;

    Optional<String> limit() {
        return Optional.ofNullable(limit).filter(l -> !l.isBlank());
    }
}
