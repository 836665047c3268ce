package io.pgconverge.load;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The playbook's {@code settings}: values in PostgreSQL's text form (YAML booleans as on/off, numbers as
 * written, a list as a comma-separated value). The position recorded for "settings.NAME" is the name's.
 */
final class SettingsReader {
    private SettingsReader() {
    }

    static Map<String, String> read(Fields settings, PlaybookContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        PgSettingsCatalog catalog = PgSettingsCatalog.standard();
        for (NodeTuple tuple : settings.entries().values()) {
            String name = catalog.canonical(MappingEntries.keyText(tuple));
            String path = "settings." + name;
            if (values.containsKey(name)) {
                context.problem(context.at(tuple.getKeyNode()), "setting '" + name + "' is given twice");
                continue;
            }
            context.mark(path, tuple.getKeyNode());
            value(tuple.getValueNode(), path, context).ifPresent(v -> values.put(name, v));
        }
        return values;
    }

    private static Optional<String> value(Node node, String path, PlaybookContext context) {
        if (node instanceof MappingNode) {
            context.problem(context.at(node), path + " must be a single value, found a mapping");
            return Optional.empty();
        }
        if (NodeText.isNull(node)) {
            context.problem(context.at(node), path + " has no value; write '' for an empty value");
            return Optional.empty();
        }
        Optional<String> text = node instanceof SequenceNode list ? joined(list, path, context) : Optional.of(text(node));
        if (text.isPresent() && text.get().toLowerCase(Locale.ROOT).matches("(?s).*\\bpassword\\s*=.*")) {
            context.problem(context.at(node), path + " holds a literal password, which a playbook must not hold;"
                    + " give the role a password reference ({ env: NAME } or { file: PATH }) instead");
            return Optional.empty();
        }
        return text;
    }

    private static Optional<String> joined(SequenceNode list, String path, PlaybookContext context) {
        List<String> items = new ArrayList<>();
        for (Node item : list.getValue()) {
            if (!(item instanceof ScalarNode) || NodeText.isNull(item)) {
                context.problem(context.at(item), path + " must be a list of single values, found "
                        + NodeText.describe(item));
                return Optional.empty();
            }
            items.add(text(item));
        }
        return Optional.of(String.join(", ", items));
    }

    private static String text(Node node) {
        ScalarNode scalar = (ScalarNode) node;
        if (Tag.BOOL.equals(scalar.getTag())) {
            return YamlBooleans.isTrue(scalar.getValue()) ? "on" : "off";
        }
        return scalar.getValue();
    }
}
