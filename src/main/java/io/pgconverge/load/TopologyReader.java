package io.pgconverge.load;

import io.pgconverge.model.RestartMethod;
import io.pgconverge.model.StandbySpec;
import io.pgconverge.model.SyncMode;
import io.pgconverge.model.SynchronousSpec;
import io.pgconverge.model.TopologySpec;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the playbook's declared topology: {@code restart_method}, {@code synchronous} and {@code standbys}. Each
 * value's position is marked under its path ({@code synchronous.standbys[1]}, {@code standbys.node3.upstream}) for
 * {@link TopologyValidator}, which checks the names against the cluster.
 */
final class TopologyReader {
    static final List<String> KEYS = List.of("restart_method", "synchronous", "standbys");
    private static final String DELAY = "\\d+\\s*(us|ms|s|min|h|d)?";

    private TopologyReader() {
    }

    static TopologySpec read(Fields top, PlaybookContext context) {
        RestartMethod method = top.text("restart_method", false)
                .flatMap(t -> choice(top, "restart_method", t, RestartMethod.class)).orElse(RestartMethod.RESTART);
        Optional<SynchronousSpec> synchronous = top.mapping("synchronous", false).flatMap(f -> synchronous(f, context));
        Map<String, StandbySpec> standbys = top.mapping("standbys", false).map(f -> standbys(f, context))
                .orElse(Map.of());
        return new TopologySpec(method, synchronous, standbys);
    }

    private static Optional<SynchronousSpec> synchronous(Fields sync, PlaybookContext context) {
        sync.allow(List.of("mode", "count", "standbys"));
        SyncMode mode = sync.text("mode", false).flatMap(t -> choice(sync, "mode", t, SyncMode.class))
                .orElse(SyncMode.FIRST);
        int count = sync.number("count").orElse(1);
        if (count < 1) {
            sync.problem(sync.node("count", true).orElseThrow(), sync.path("count") + " must be 1 or more, found "
                    + count);
        }
        List<String> names = new ArrayList<>();
        sync.list("standbys", true).ifPresent(list -> names.addAll(names(list, sync.path("standbys"), sync, context)));
        return names.isEmpty() ? Optional.empty() : Optional.of(new SynchronousSpec(mode, count, names));
    }

    private static List<String> names(SequenceNode list, String path, Fields owner, PlaybookContext context) {
        List<String> names = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            context.mark(at, items.get(i));
            owner.text(items.get(i), at).ifPresent(names::add);
        }
        if (names.isEmpty()) {
            owner.problem(list, path + " must name at least one standby");
        }
        return names;
    }

    private static Map<String, StandbySpec> standbys(Fields standbys, PlaybookContext context) {
        Map<String, StandbySpec> out = new LinkedHashMap<>();
        for (NodeTuple tuple : standbys.entries().values()) {
            String host = MappingEntries.keyText(tuple);
            String path = standbys.path(host);
            context.mark(path, tuple.getKeyNode());
            standbys.mapping(tuple.getValueNode(), path).ifPresent(f -> {
                f.allow(List.of("upstream", "apply_delay"));
                Optional<String> upstream = f.text("upstream", false);
                Optional<String> delay = f.text("apply_delay", false);
                delay.filter(d -> !d.strip().matches(DELAY)).ifPresent(d -> f.problem(f.node("apply_delay", true)
                        .orElseThrow(), f.path("apply_delay") + " must be a duration such as 30min, 1h or 2d, found "
                        + NodeText.quote(d)));
                out.put(host, new StandbySpec(upstream, delay.map(String::strip)));
            });
        }
        return out;
    }

    private static <E extends Enum<E>> Optional<E> choice(Fields owner, String key, String text, Class<E> type) {
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        if (allowed.contains(text)) {
            return Optional.of(Enum.valueOf(type, text.toUpperCase(Locale.ROOT)));
        }
        owner.problem(owner.node(key, true).orElseThrow(), owner.path(key) + " must be one of "
                + String.join(", ", allowed) + ", found " + NodeText.quote(text) + NameSuggester.hint(text, allowed));
        return Optional.empty();
    }
}
