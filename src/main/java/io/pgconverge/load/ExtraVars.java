package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ansible-style extra vars: {@code -e KEY=VALUE} (several pairs may share one -e, separated by spaces)
 * overrides the playbook key at the dotted path KEY ({@code primary}, {@code postgres.version},
 * {@code settings.work_mem}) as if the file said so. Problems with such a value are reported at
 * {@code -e KEY}; the value itself is never repeated.
 */
final class ExtraVars {
    /** One KEY=VALUE. */
    record Assignment(String key, String value) {
        Mark origin() {
            return Mark.of("-e " + key);
        }
    }

    private static final String KEY = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*";

    private ExtraVars() {
    }

    static List<Assignment> parse(List<String> arguments, Diagnostics problems) {
        List<Assignment> assignments = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("@") || argument.strip().startsWith("{")) {
                problems.add(Mark.of("-e"), "extra vars from a file or as JSON are not supported; write -e KEY=VALUE");
                continue;
            }
            for (String pair : words(argument)) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || !pair.substring(0, eq).matches(KEY)) {
                    String key = eq < 0 ? pair : pair.substring(0, eq);
                    problems.add(Mark.of("-e"), "expected KEY=VALUE with a dotted key such as primary=node2 or"
                            + " settings.work_mem=64MB, found " + NodeText.quote(key.isEmpty() ? pair : key)
                            + (eq < 0 ? "" : "=..."));
                    continue;
                }
                assignments.add(new Assignment(pair.substring(0, eq), pair.substring(eq + 1)));
            }
        }
        return assignments;
    }

    /** Sets each assignment in the document's node tree, creating mappings on the way as needed. */
    static void apply(YamlDocument document, List<Assignment> assignments, Diagnostics problems) {
        Resolver resolver = new Resolver();
        for (Assignment a : assignments) {
            String[] parts = a.key().split("\\.");
            MappingNode mapping = document.root();
            int depth = 0;
            for (; depth < parts.length - 1 && mapping != null; depth++) {
                mapping = child(mapping, parts[depth], document.locator(), a);
            }
            if (mapping == null) {
                String parent = String.join(".", java.util.Arrays.copyOf(parts, depth));
                problems.add(a.origin(), "cannot set " + a.key() + ": " + parent + " is not a mapping in the playbook");
                continue;
            }
            Tag tag = resolver.resolve(NodeId.scalar, a.value(), true);
            Node value = new ScalarNode(tag, a.value(), null, null, DumperOptions.ScalarStyle.PLAIN);
            document.locator().originate(value, a.origin());
            put(mapping, parts[parts.length - 1], value, document.locator(), a);
        }
    }

    private static MappingNode child(MappingNode mapping, String key, Locator locator, Assignment a) {
        Optional<NodeTuple> existing = find(mapping, key);
        if (existing.isPresent()) {
            return existing.get().getValueNode() instanceof MappingNode m ? m : null;
        }
        MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        locator.originate(created, a.origin());
        put(mapping, key, created, locator, a);
        return created;
    }

    private static void put(MappingNode mapping, String key, Node value, Locator locator, Assignment a) {
        List<NodeTuple> tuples = mapping.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (!MappingEntries.isMerge(tuples.get(i)) && key.equals(MappingEntries.keyText(tuples.get(i)))) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
                return;
            }
        }
        Node keyNode = new ScalarNode(Tag.STR, key, null, null, DumperOptions.ScalarStyle.PLAIN);
        locator.originate(keyNode, a.origin());
        tuples.add(new NodeTuple(keyNode, value));
    }

    private static Optional<NodeTuple> find(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> !MappingEntries.isMerge(t) && key.equals(MappingEntries.keyText(t))).findFirst();
    }

    /** Splits on blanks outside quotes and drops the quotes, as Ansible's key=value parser does. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
