package io.pgconverge.load;

import io.pgconverge.model.SecretRef;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code { env: NAME }}, {@code { file: PATH }} or an ansible-vault value ({@code !vault |}); never repeats
 * what it read in a message.
 */
final class SecretRefReader {
    private static final List<String> KEYS = List.of("env", "file");
    private static final Tag VAULT = new Tag("!vault");

    private SecretRefReader() {
    }

    static Optional<SecretRef> read(Node node, String path, String roleName, PlaybookContext context) {
        Optional<SecretRef> vault = vault(node);
        if (vault.isPresent()) {
            return vault;
        }
        if (!(node instanceof MappingNode mapping)) {
            String problem = NodeText.scalar(node).isPresent()
                    ? " is a literal password, which a playbook must not hold; write a reference instead: "
                    : " must be a reference, found " + NodeText.describe(node) + "; write ";
            context.problem(context.at(node), path + problem + example(roleName));
            return Optional.empty();
        }
        Fields fields = new Fields(mapping, path, context);
        fields.allow(KEYS);
        boolean env = fields.entries().containsKey("env");
        boolean file = fields.entries().containsKey("file");
        if (env == file) {
            context.problem(fields.start(), path + " needs exactly one of env or file; write " + example(roleName));
            return Optional.empty();
        }
        return env
                ? value(fields, "env", "[A-Za-z_][A-Za-z0-9_]*", "the name of an environment variable").map(SecretRef.Env::new)
                : value(fields, "file", ".*\\S.*", "the path of a file").map(SecretRef.File::new);
    }

    /** A scalar tagged {@code !vault}: ansible-vault's encrypted text, opened when secrets are resolved. */
    static Optional<SecretRef> vault(Node node) {
        if (node instanceof ScalarNode scalar && VAULT.equals(scalar.getTag())) {
            return Optional.of(new SecretRef.Vault(scalar.getValue()));
        }
        return Optional.empty();
    }

    /** The reference's text when it has the expected form; the message never repeats it. */
    private static Optional<String> value(Fields fields, String key, String form, String expected) {
        Node n = fields.node(key, true).orElseThrow();
        Optional<String> text = NodeText.scalar(n).filter(s -> s.matches(form));
        if (text.isEmpty()) {
            fields.problem(n, fields.path(key) + " must be " + expected);
        }
        return text;
    }

    private static String example(String roleName) {
        String base = roleName.isEmpty() ? "ROLE" : roleName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return "{ env: PGC_" + base + "_PASSWORD } or { file: ~/.pgconverge/"
                + (roleName.isEmpty() ? "role" : roleName.replaceAll("[^A-Za-z0-9_.-]", "_")) + ".pw }";
    }
}
