package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reading of one playbook mapping: unknown keys and wrong types become diagnostics, and the
 * position of every value read is recorded under its dotted path ("roles[0].password").
 */
final class Fields {
    private final MappingNode node;
    private final String path;
    private final PlaybookContext context;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    Fields(MappingNode node, String path, PlaybookContext context) {
        this.node = node;
        this.path = path;
        this.context = context;
        for (NodeTuple tuple : MappingEntries.of(node)) {
            entries.put(MappingEntries.keyText(tuple), tuple);
        }
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports a problem about a value of this mapping. */
    void problem(Node n, String message) {
        context.problem(context.at(n), message);
    }

    Mark start() {
        return context.at(node);
    }

    Map<String, NodeTuple> entries() {
        return entries;
    }

    /** Reports every key not in the list, with the closest known key as a hint. */
    void allow(List<String> keys) {
        for (NodeTuple tuple : entries.values()) {
            String key = MappingEntries.keyText(tuple);
            if (!keys.contains(key)) {
                String hint = NameSuggester.hint(key, keys);
                context.problem(context.at(tuple.getKeyNode()), "unknown key '" + key + "' in "
                        + (path.isEmpty() ? "the playbook" : path)
                        + (hint.isEmpty() ? "; expected one of " + String.join(", ", keys) : hint));
            }
        }
    }

    /** The value of key, its position recorded; a missing required key is a problem. */
    Optional<Node> node(String key, boolean required) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            if (required) {
                context.problem(start(), (path.isEmpty() ? "the playbook" : path) + " needs the key '" + key + "'");
            }
            return Optional.empty();
        }
        context.mark(path(key), tuple.getValueNode());
        return Optional.of(tuple.getValueNode());
    }

    Optional<String> text(String key, boolean required) {
        return node(key, required).flatMap(n -> text(n, path(key)));
    }

    Optional<Boolean> flag(String key) {
        return node(key, false).flatMap(n -> flag(n, path(key)));
    }

    Optional<Integer> number(String key) {
        return node(key, false).flatMap(n -> {
            if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag()) && s.getValue().matches("[-+]?\\d{1,9}")) {
                return Optional.of(Integer.parseInt(s.getValue()));
            }
            context.problem(context.at(n), path(key) + " must be a whole number, found " + NodeText.describe(n));
            return Optional.empty();
        });
    }

    Optional<Fields> mapping(String key, boolean required) {
        return node(key, required).flatMap(n -> mapping(n, path(key)));
    }

    Optional<SequenceNode> list(String key, boolean required) {
        return node(key, required).flatMap(n -> {
            if (n instanceof SequenceNode s) {
                return Optional.of(s);
            }
            context.problem(context.at(n), path(key) + " must be a list, found " + NodeText.describe(n));
            return Optional.empty();
        });
    }

    Optional<Fields> mapping(Node n, String at) {
        return of(n, at, context);
    }

    /** The node as a mapping at that path; anything else is a problem. */
    static Optional<Fields> of(Node n, String at, PlaybookContext context) {
        if (n instanceof MappingNode m) {
            return Optional.of(new Fields(m, at, context));
        }
        context.problem(context.at(n), at + " must be a mapping, found " + NodeText.describe(n));
        return Optional.empty();
    }

    Optional<String> text(Node n, String at) {
        if (n instanceof ScalarNode s && !NodeText.isNull(s)) {
            return Optional.of(s.getValue());
        }
        context.problem(context.at(n), NodeText.isNull(n) ? at + " has no value" : at + " must be text, found "
                + NodeText.describe(n));
        return Optional.empty();
    }

    Optional<Boolean> flag(Node n, String at) {
        if (n instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            return Optional.of(YamlBooleans.isTrue(s.getValue()));
        }
        context.problem(context.at(n), at + " must be true or false, found " + NodeText.describe(n));
        return Optional.empty();
    }
}
