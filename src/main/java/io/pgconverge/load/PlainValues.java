package io.pgconverge.load;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable's node as a plain Java value for {@code Host.vars}: String, Long, Double, Boolean, null,
 * and unmodifiable List and Map of those. Values with other tags (!vault, !unsafe) keep their text.
 */
final class PlainValues {
    private PlainValues() {
    }

    static Object of(Node node) {
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : MappingEntries.of(mapping)) {
                map.put(MappingEntries.keyText(tuple), of(tuple.getValueNode()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                list.add(of(item));
            }
            return Collections.unmodifiableList(list);
        }
        return scalar((ScalarNode) node);
    }

    private static Object scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return YamlBooleans.isTrue(text);
        }
        try {
            if (Tag.INT.equals(tag)) {
                return Long.decode(text.replace("_", ""));
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.parseDouble(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }
}
