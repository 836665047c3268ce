package io.pgconverge.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.plan.ConfEntry;
import io.pgconverge.plan.config.ConfFile;
import io.pgconverge.plan.config.IncludeChain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.pgconverge.render.FactsJsonRenderer.JSON;

/**
 * A node's configuration structure in the facts output: postgresql.conf and every file its include,
 * include_if_exists and include_dir directives pull in, in the order the server reads them, each parameter
 * with its line number; then what is wrong with the chain.
 */
final class ConfigChainView {
    private ConfigChainView() {
    }

    /** The chain of a node whose postgresql.conf was read; empty otherwise. */
    static Optional<IncludeChain> of(NodeFacts n) {
        Optional<String> conf = n.server().flatMap(s -> s.setting("config_file")).map(s -> s.setting())
                .filter(p -> n.files().containsKey(p))
                .or(() -> n.files().values().stream().map(FileFact::path).filter(p -> p.endsWith("/postgresql.conf"))
                        .min(Comparator.comparingInt(String::length)));
        return conf.filter(p -> n.file(p).content().isPresent()).map(p -> IncludeChain.of(n, p,
                p.substring(0, p.lastIndexOf('/')) + "/pgconverge.conf"));
    }

    static String text(NodeFacts n, IncludeChain chain) {
        StringBuilder out = new StringBuilder();
        for (IncludeChain.ConfigFile f : chain.files()) {
            out.append(out.length() == 0 ? "" : "\n").append("  ".repeat(f.depth())).append(f.path());
            f.parent().ifPresent(p -> out.append(" (").append(f.origin()).append(')'));
            String settings = settings(n, f).stream().map(e -> e.name() + " = '" + e.value() + "' (line " + e.line()
                    + ")").collect(Collectors.joining(", "));
            if (!settings.isEmpty()) {
                out.append(": ").append(settings);
            }
        }
        chain.problems().forEach(p -> out.append("\nproblem: ").append(p));
        return out.toString();
    }

    static ObjectNode json(NodeFacts n, IncludeChain chain) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode files = o.putArray("files");
        for (IncludeChain.ConfigFile f : chain.files()) {
            ObjectNode file = files.addObject().put("path", f.path()).put("directive", f.directive())
                    .put("included_from", f.parent().orElse(null)).put("line", f.parent().isPresent() ? f.line() : null)
                    .put("depth", f.depth());
            ArrayNode settings = file.putArray("settings");
            settings(n, f).forEach(e -> settings.addObject().put("name", e.name()).put("value", e.value())
                    .put("line", e.line()));
        }
        ArrayNode problems = o.putArray("problems");
        chain.problems().forEach(problems::add);
        return o;
    }

    private static List<ConfEntry> settings(NodeFacts n, IncludeChain.ConfigFile f) {
        return ConfFile.parse(n.file(f.factPath()).content().orElse("")).stream().toList();
    }
}
