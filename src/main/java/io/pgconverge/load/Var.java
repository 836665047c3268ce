package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One inventory variable as written: its node (for type and text), where it was set, and the file ansible-vault
 * encrypted whole that holds it, if one does.
 */
record Var(Node node, Mark mark, Optional<Path> sealedIn) {
    Var(Node node, Mark mark) {
        this(node, mark, Optional.empty());
    }

    /** The text of a scalar value; empty for null, lists and mappings. */
    Optional<String> text() {
        return NodeText.scalar(node);
    }

    boolean isNull() {
        return NodeText.isNull(node);
    }
}
