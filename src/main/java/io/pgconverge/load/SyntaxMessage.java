package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/** SnakeYAML's exceptions turned into one-sentence diagnostics at the position they name. */
final class SyntaxMessage {
    private SyntaxMessage() {
    }

    static Diagnostic of(String file, MarkedYAMLException e) {
        org.yaml.snakeyaml.error.Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark mark = mark(file, at);
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        if (problem.contains("\\t(TAB)") || problem.contains("\t")) {
            return new Diagnostic(mark, "tab character where YAML allows only spaces; indent with spaces");
        }
        if ("expected a single document in the stream".equals(e.getContext())) {
            return new Diagnostic(mark, "a second YAML document ('---') in the file; expected exactly one");
        }
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
        if (e.getContext() != null) {
            message.append(" (").append(e.getContext().strip());
            org.yaml.snakeyaml.error.Mark context = e.getContextMark();
            if (context != null && at != null && context.getIndex() != at.getIndex()) {
                message.append(" started at line ").append(context.getLine() + 1)
                        .append(", column ").append(context.getColumn() + 1);
            }
            message.append(')');
        }
        return new Diagnostic(mark, message.toString());
    }

    /** Limits SnakeYAML enforces without a position: the position is found again from the parser's events. */
    static Diagnostic of(String file, String text, YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Number of aliases")) {
            return new Diagnostic(mark(file, aliasBeyondLimit(text)), "more than " + YamlReader.MAX_COLLECTION_ALIASES
                    + " aliases to lists or mappings; refusing a possible alias bomb");
        }
        if (message.startsWith("Nesting Depth")) {
            return new Diagnostic(mark(file, nestingBeyondLimit(text)), "lists and mappings nested more than "
                    + YamlReader.MAX_NESTING + " levels deep; refusing the file");
        }
        return new Diagnostic(Mark.of(file), "YAML error: " + message.lines().findFirst().orElse(message));
    }

    private static Mark mark(String file, org.yaml.snakeyaml.error.Mark at) {
        return at == null ? Mark.of(file) : new Mark(file, at.getLine() + 1, at.getColumn() + 1);
    }

    private static org.yaml.snakeyaml.error.Mark aliasBeyondLimit(String text) {
        Set<String> collectionAnchors = new HashSet<>();
        int aliases = 0;
        for (Event event : new Yaml().parse(new StringReader(text))) {
            if (event instanceof CollectionStartEvent start && start.getAnchor() != null) {
                collectionAnchors.add(start.getAnchor());
            } else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAnchor())
                    && ++aliases > YamlReader.MAX_COLLECTION_ALIASES) {
                return alias.getStartMark();
            }
        }
        return null;
    }

    private static org.yaml.snakeyaml.error.Mark nestingBeyondLimit(String text) {
        int depth = 0;
        for (Event event : new Yaml().parse(new StringReader(text))) {
            if (event instanceof CollectionStartEvent && ++depth > YamlReader.MAX_NESTING) {
                return event.getStartMark();
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
        return null;
    }
}
