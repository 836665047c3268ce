package io.pgconverge.load;

import io.pgconverge.model.PgMajorVersion;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Typed reading of the variables the engine understands, from one host's resolved variables. A value
 * the engine cannot use (a list, a Jinja2 template, a vaulted value, a bad number) is a problem at the
 * position where it was set, and counts as unset.
 */
final class HostVars {
    private static final Tag UNSAFE = new Tag("!unsafe");

    private final Map<String, Var> vars;
    private final Diagnostics problems;

    HostVars(Map<String, Var> vars, Diagnostics problems) {
        this.vars = vars;
        this.problems = problems;
    }

    /** The first of the names that is set, as text. */
    Optional<String> text(String... names) {
        for (String name : names) {
            Var var = vars.get(name);
            if (var != null && !var.isNull()) {
                return usable(name, var);
            }
        }
        return Optional.empty();
    }

    OptionalInt port(String... names) {
        for (String name : names) {
            Optional<String> text = text(name);
            if (text.isPresent()) {
                String t = text.get().strip();
                if (t.matches("\\d{1,5}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= 65535) {
                    return OptionalInt.of(Integer.parseInt(t));
                }
                problems.add(vars.get(name).mark(), name + " must be a port number from 1 to 65535, found "
                        + NodeText.quote(t));
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    OptionalInt version(String name) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt version = PgMajorVersion.parse(text.get());
        if (version.isEmpty()) {
            problems.add(vars.get(name).mark(), name + " must be a PostgreSQL major version such as 15 or 9.6, found "
                    + NodeText.quote(text.get()));
        }
        return version;
    }

    /** A path on the node: it must be absolute. */
    Optional<String> absolutePath(String name) {
        Optional<String> text = text(name);
        if (text.isPresent() && !text.get().startsWith("/")) {
            problems.add(vars.get(name).mark(), name + " must be an absolute path on the node, found "
                    + NodeText.quote(text.get()));
            return Optional.empty();
        }
        return text;
    }

    /** One of the allowed words (case-insensitive), reported with the list when it is not. */
    Optional<String> choice(String name, String... allowed) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return text;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(text.get().strip())) {
                return Optional.of(a);
            }
        }
        problems.add(vars.get(name).mark(), name + " must be one of " + String.join(", ", allowed) + ", found "
                + NodeText.quote(text.get()));
        return Optional.empty();
    }

    private Optional<String> usable(String name, Var var) {
        if (!(var.node() instanceof ScalarNode scalar)) {
            problems.add(var.mark(), name + " must be a single value, found " + NodeText.describe(var.node()));
            return Optional.empty();
        }
        Tag tag = scalar.getTag();
        if (!tag.startsWith(Tag.PREFIX) && !UNSAFE.equals(tag)) {
            problems.add(var.mark(), name + " is tagged " + tag.getValue()
                    + ", which pgconverge cannot read; write the value itself");
            return Optional.empty();
        }
        if (!UNSAFE.equals(tag) && (scalar.getValue().contains("{{") || scalar.getValue().contains("{%"))) {
            problems.add(var.mark(), name + " is a Jinja2 template, which pgconverge does not evaluate;"
                    + " write the value itself");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }
}
