package io.pgconverge.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.PreflightProblem;

import java.util.List;

/**
 * Cluster facts as the JSON document of docs/facts.md (format_version 1). Keys keep a fixed order, settings and
 * roles are sorted by name, so equal facts give byte-identical output. Never includes a secret: no SCRAM
 * verifier, connection strings masked, no passfile content. Pure.
 */
public final class FactsJsonRenderer {
    public static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper();

    public String render(ClusterFacts facts) {
        return render(facts, List.of());
    }

    public String render(ClusterFacts facts, List<PreflightProblem> problems) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        ArrayNode nodes = root.putArray("nodes");
        for (NodeFacts n : facts.nodes().values()) {
            nodes.add(NodeJson.of(n));
        }
        ArrayNode list = root.putArray("problems");
        for (PreflightProblem p : problems) {
            list.addObject().put("check", p.check()).put("message", p.message());
        }
        return write(root);
    }

    static String write(ObjectNode root) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        try {
            return JSON.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts cannot be written as JSON", e);
        }
    }
}
