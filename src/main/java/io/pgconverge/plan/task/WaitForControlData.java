package io.pgconverge.plan.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wait until this standby's control data (pg_controldata, read as the server's OS user, running or not) shows
 * every value of {@code atMost} at or below the given number: the standby has replayed the primary's record of
 * its lowered hot-standby parameters and can be restarted with them. Fail after {@code timeout}.
 *
 * @param source     the node whose change the standby replays (the primary)
 * @param parameters the lowered parameters, by their names in postgresql.conf
 * @param atMost     pg_controldata label ({@code max_connections setting}) to the highest value it may show
 */
public record WaitForControlData(String id, String host, String source, List<String> parameters,
                                 Map<String, Long> atMost, Duration timeout, String reason) implements Task {
    public WaitForControlData {
        parameters = List.copyOf(parameters);
        atMost = Map.copyOf(atMost);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.WAIT_FOR_CONTROL_DATA;
    }

    @Override
    public Action action() {
        return Action.RUN;
    }

    @Override
    public String summary() {
        return "wait until " + source + "'s lowered " + String.join(", ", parameters)
                + " are replayed here (at most " + timeout.toSeconds() + " s)";
    }

    @Override
    public List<Detail> details() {
        return List.of(new Detail.Note("pg_controldata must show " + String.join(", ", conditions())));
    }

    /** {@code max_connections setting <= 50}, in label order. */
    public List<String> conditions() {
        List<String> out = new ArrayList<>();
        atMost.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(e.getKey() + " <= " + e.getValue()));
        return out;
    }
}
