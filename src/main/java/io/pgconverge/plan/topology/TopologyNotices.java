package io.pgconverge.plan.topology;

import io.pgconverge.model.DesiredState;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the playbook declares that the engine does not carry out yet, said in every plan rather than ignored. */
public final class TopologyNotices {
    private TopologyNotices() {
    }

    /** @param unavailable standbys that are down, unreachable or rebuilt by the plan */
    public static List<Notice> of(DesiredState desired, Set<String> unavailable) {
        List<Notice> notices = new ArrayList<>();
        desired.topology().synchronous().ifPresent(sync -> {
            List<String> listed = sync.standbys().stream().filter(s -> !s.equals(desired.primary())).toList();
            if (!listed.isEmpty() && unavailable.containsAll(listed)) {
                notices.add(Notice.about(desired.primary(), "every synchronous standby (" + String.join(", ", listed)
                        + ") is down or being rebuilt: commits on " + desired.primary() + " wait until one of them"
                        + " streams again"));
            }
        });
        desired.topology().standbys().forEach((host, spec) -> spec.upstream()
                .filter(up -> !up.equals(desired.primary()))
                .ifPresent(up -> notices.add(Notice.about(host, "standbys." + host + ".upstream: cascading is not "
                        + "carried out yet; " + host + " streams from " + desired.primary() + ", not from " + up))));
        return notices;
    }
}
