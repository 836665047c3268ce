package io.pgconverge.load;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.Optional;

/** How nodes read and are named in messages. */
final class NodeText {
    private static final int SHOWN = 40;

    private NodeText() {
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The text of a non-null scalar. */
    static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode s && !isNull(s) ? Optional.of(s.getValue()) : Optional.empty();
    }

    /** "a mapping", "a list", "no value", or the scalar in quotes (shortened). */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "no value";
        }
        return quote(((ScalarNode) node).getValue());
    }

    static String quote(String text) {
        String oneLine = text.replace("\n", "\\n");
        return "'" + (oneLine.length() > SHOWN ? oneLine.substring(0, SHOWN) + "..." : oneLine) + "'";
    }
}
