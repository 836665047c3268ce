package io.pgconverge.plan.topology;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.RestartMethod;
import io.pgconverge.plan.Notice;

import java.util.ArrayList;
import java.util.List;

/** What the playbook declares that the engine does not carry out yet, said in every plan rather than ignored. */
public final class TopologyNotices {
    private TopologyNotices() {
    }

    /** @param primaryRestarts the plan restarts the primary */
    public static List<Notice> of(DesiredState desired, boolean primaryRestarts) {
        List<Notice> notices = new ArrayList<>();
        if (primaryRestarts && desired.topology().restartMethod() == RestartMethod.SWITCHOVER) {
            notices.add(Notice.about(desired.primary(), "restart_method: switchover is not carried out yet; the "
                    + "primary restarts in place and takes no writes meanwhile"));
        }
        desired.topology().standbys().forEach((host, spec) -> spec.upstream()
                .filter(up -> !up.equals(desired.primary()))
                .ifPresent(up -> notices.add(Notice.about(host, "standbys." + host + ".upstream: cascading is not "
                        + "carried out yet; " + host + " streams from " + desired.primary() + ", not from " + up))));
        return notices;
    }
}
