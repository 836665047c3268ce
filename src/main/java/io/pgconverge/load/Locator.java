package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.IdentityHashMap;
import java.util.Map;

/** Turns a YAML node into its 1-based file position; nodes that came from the command line keep their origin. */
final class Locator {
    private final String file;
    private final Map<Node, Mark> origins = new IdentityHashMap<>();

    Locator(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Mark at(Node node) {
        Mark origin = origins.get(node);
        if (origin != null) {
            return origin;
        }
        org.yaml.snakeyaml.error.Mark start = node.getStartMark();
        return start == null ? Mark.of(file) : new Mark(file, start.getLine() + 1, start.getColumn() + 1);
    }

    /** Records that a node was not read from the file but given elsewhere, e.g. {@code -e primary}. */
    void originate(Node node, Mark origin) {
        origins.put(node, origin);
    }
}
