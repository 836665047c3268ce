package io.pgconverge.lab;

import java.util.OptionalLong;

/**
 * One node as {@code lab status} sees it: whether its root filesystem is mounted and its network is there, its sshd
 * pid, its postmaster pid (a pid of the lab machine) and the PostgreSQL package version inside.
 */
public record NodeStatus(LabNode node, boolean mounted, boolean networked, OptionalLong sshdPid, OptionalLong pid,
                         String version) {
    /** True when PostgreSQL runs. */
    public boolean running() {
        return pid.isPresent();
    }

    /** True when the node is a reachable system: mounted, on the network, sshd up. */
    public boolean up() {
        return mounted && networked && sshdPid.isPresent();
    }
}
