package io.pgconverge.load;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.SynchronousSpec;
import io.pgconverge.model.TopologySpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the declared topology against the cluster's hosts: synchronous standbys and upstreams must be standbys of
 * the group, {@code count} no larger than the list, no node its own upstream, no cascading cycle, and no delayed
 * standby among the synchronous ones (every commit would wait for the delay).
 */
final class TopologyValidator {
    private final DesiredState desired;
    private final List<String> hosts;
    private final Diagnostics problems;

    TopologyValidator(DesiredState desired, List<String> hosts, Diagnostics problems) {
        this.desired = desired;
        this.hosts = List.copyOf(hosts);
        this.problems = problems;
    }

    void check() {
        TopologySpec topology = desired.topology();
        topology.synchronous().ifPresent(this::synchronous);
        topology.standbys().forEach(this::standby);
        cycles(topology);
    }

    private void synchronous(SynchronousSpec sync) {
        for (int i = 0; i < sync.standbys().size(); i++) {
            String name = sync.standbys().get(i);
            String path = "synchronous.standbys[" + i + "]";
            standbyName(name, path, "a synchronous standby");
            if (desired.topology().standby(name).applyDelay().isPresent()) {
                problems.add(desired.markOf(path), name + " is a delayed standby (standbys." + name + ".apply_delay)"
                        + " and cannot be synchronous: every commit would wait for the delay");
            }
        }
        if (sync.count() > sync.standbys().size()) {
            problems.add(desired.markOf("synchronous.count"), "synchronous.count is " + sync.count() + " but only "
                    + sync.standbys().size() + " standby" + (sync.standbys().size() == 1 ? " is" : "s are")
                    + " named: commits would wait forever");
        }
    }

    private void standby(String host, StandbySpec spec) {
        if (!hosts.isEmpty() && !hosts.contains(host)) {
            problems.add(desired.markOf("standbys." + host), "'" + host + "' is not a host of group '"
                    + desired.group() + "'" + NameSuggester.hint(host, hosts));
        }
        spec.upstream().ifPresent(up -> {
            String path = "standbys." + host + ".upstream";
            if (up.equals(host)) {
                problems.add(desired.markOf(path), host + " cannot be its own upstream");
            } else if (!hosts.isEmpty() && !hosts.contains(up)) {
                problems.add(desired.markOf(path), "upstream '" + up + "' of " + host + " is not a host of group '"
                        + desired.group() + "'" + NameSuggester.hint(up, hosts));
            }
        });
    }

    /**
     * A name that must be a host of the group other than the primary the playbook names. A primary chosen with
     * {@code -e primary=NAME} (a switchover or failover) may be in the list: the planner leaves it out of its own.
     */
    private void standbyName(String name, String path, String what) {
        boolean primaryFromFile = !desired.markOf("primary").file().startsWith("-e ");
        if (name.equals(desired.primary()) && primaryFromFile) {
            problems.add(desired.markOf(path), name + " is the primary and cannot be " + what);
        } else if (!hosts.isEmpty() && !hosts.contains(name)) {
            problems.add(desired.markOf(path), "'" + name + "' is not a host of group '" + desired.group() + "'"
                    + NameSuggester.hint(name, hosts));
        }
    }

    /** Follows each standby's upstreams; a walk that comes back to a node it passed is a cycle, named once. */
    private void cycles(TopologySpec topology) {
        Set<Set<String>> reported = new java.util.HashSet<>();
        for (String start : topology.standbys().keySet()) {
            List<String> walk = new ArrayList<>(List.of(start));
            Optional<String> next = topology.standby(start).upstream();
            while (next.isPresent() && !next.get().equals(start) && !walk.contains(next.get())) {
                walk.add(next.get());
                next = topology.standby(next.get()).upstream();
            }
            if (next.filter(start::equals).isPresent() && walk.size() > 1
                    && reported.add(new LinkedHashSet<>(walk))) {
                problems.add(desired.markOf("standbys." + start + ".upstream"), "cascading cycle: "
                        + String.join(" -> ", walk) + " -> " + start + "; one of them must stream from the primary");
            }
        }
    }

    static void check(DesiredState desired, List<String> hosts, Diagnostics problems) {
        new TopologyValidator(desired, hosts, problems).check();
    }

}
