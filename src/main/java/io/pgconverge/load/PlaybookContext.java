package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.HashMap;
import java.util.Map;

/** What reading one playbook shares: where nodes are, the problems found, the positions recorded. */
final class PlaybookContext {
    private final Locator locator;
    private final Diagnostics problems;
    private final Map<String, Mark> marks = new HashMap<>();

    PlaybookContext(Locator locator, Diagnostics problems) {
        this.locator = locator;
        this.problems = problems;
    }

    Mark at(Node node) {
        return locator.at(node);
    }

    void problem(Mark mark, String message) {
        problems.add(mark, message);
    }

    void mark(String path, Node node) {
        marks.put(path, locator.at(node));
    }

    void mark(String path, Mark mark) {
        marks.put(path, mark);
    }

    Map<String, Mark> marks() {
        return marks;
    }

    String file() {
        return locator.file();
    }
}
