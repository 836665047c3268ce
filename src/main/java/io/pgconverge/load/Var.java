package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Optional;

/** One inventory variable as written: its node (for type and text) and where it was set. */
record Var(Node node, Mark mark) {
    /** The text of a scalar value; empty for null, lists and mappings. */
    Optional<String> text() {
        return NodeText.scalar(node);
    }

    boolean isNull() {
        return NodeText.isNull(node);
    }
}
