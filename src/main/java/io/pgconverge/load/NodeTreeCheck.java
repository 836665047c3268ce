package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks on a composed document before anything reads it: no list or mapping contains
 * itself, aliases do not expand it beyond {@link #MAX_VALUES} values, keys are scalars and unique.
 */
final class NodeTreeCheck {
    static final int MAX_VALUES = 100_000;

    private final Locator locator;
    private final Map<Node, Integer> sizes = new IdentityHashMap<>();
    private final Set<Node> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Diagnostic> problems = new ArrayList<>();

    private NodeTreeCheck(Locator locator) {
        this.locator = locator;
    }

    static List<Diagnostic> check(MappingNode root, Locator locator) {
        NodeTreeCheck check = new NodeTreeCheck(locator);
        int size = check.size(root);
        if (size > MAX_VALUES && check.problems.isEmpty()) {
            check.problems.add(new Diagnostic(locator.at(root), "aliases expand the document to more than "
                    + MAX_VALUES + " values; refusing a possible alias bomb"));
        }
        return check.problems;
    }

    private int size(Node node) {
        Integer known = sizes.get(node);
        if (known != null) {
            return known;
        }
        if (!open.add(node)) {
            if (problems.isEmpty()) {
                problems.add(new Diagnostic(locator.at(node),
                        "this " + (node instanceof MappingNode ? "mapping" : "list") + " contains an alias to itself"));
            }
            return MAX_VALUES + 1;
        }
        long total = 1;
        if (node instanceof MappingNode mapping) {
            checkKeys(mapping);
            for (NodeTuple tuple : mapping.getValue()) {
                total += size(tuple.getKeyNode()) + (long) size(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                total += size(item);
            }
        }
        open.remove(node);
        int size = (int) Math.min(total, MAX_VALUES + 1L);
        sizes.put(node, size);
        return size;
    }

    private void checkKeys(MappingNode mapping) {
        Map<String, Node> first = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (MappingEntries.isMerge(tuple)) {
                if (!MappingEntries.isValidMergeValue(tuple.getValueNode())) {
                    problems.add(new Diagnostic(locator.at(tuple.getValueNode()),
                            "the merge key '<<' needs a mapping or a list of mappings, found "
                                    + NodeText.describe(tuple.getValueNode())));
                }
            } else if (!(key instanceof ScalarNode scalar)) {
                problems.add(new Diagnostic(locator.at(key), "a key must be a name, found " + NodeText.describe(key)));
            } else {
                Node earlier = first.putIfAbsent(scalar.getValue(), key);
                if (earlier != null) {
                    Mark at = locator.at(earlier);
                    problems.add(new Diagnostic(locator.at(key), "duplicate key " + NodeText.quote(scalar.getValue())
                            + " (first at line " + at.line() + ", column " + at.column() + ")"));
                }
            }
        }
    }
}
