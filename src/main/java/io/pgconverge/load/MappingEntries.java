package io.pgconverge.load;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A mapping's entries with YAML merge keys ({@code <<: *defaults}) applied, as Ansible's loader applies them. */
final class MappingEntries {
    private MappingEntries() {
    }

    static boolean isMerge(NodeTuple tuple) {
        return Tag.MERGE.equals(tuple.getKeyNode().getTag());
    }

    /** Explicit entries win over merged ones; of several merged mappings the first wins. */
    static List<NodeTuple> of(MappingNode mapping) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!isMerge(tuple)) {
                NodeText.scalar(tuple.getKeyNode()).ifPresent(seen::add);
            }
        }
        List<NodeTuple> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!isMerge(tuple)) {
                entries.add(tuple);
                continue;
            }
            for (MappingNode source : mergeSources(tuple.getValueNode())) {
                for (NodeTuple merged : of(source)) {
                    if (NodeText.scalar(merged.getKeyNode()).map(seen::add).orElse(false)) {
                        entries.add(merged);
                    }
                }
            }
        }
        return entries;
    }

    static List<MappingNode> mergeSources(Node value) {
        List<MappingNode> sources = new ArrayList<>();
        if (value instanceof MappingNode m) {
            sources.add(m);
        } else if (value instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                if (item instanceof MappingNode m) {
                    sources.add(m);
                }
            }
        }
        return sources;
    }

    static boolean isValidMergeValue(Node value) {
        return value instanceof MappingNode || value instanceof SequenceNode s
                && s.getValue().stream().allMatch(item -> item instanceof MappingNode);
    }

    static String keyText(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }
}
