package io.pgconverge.load;

import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * An INI inventory value as Ansible reads it ({@code ast.literal_eval}, falling back to the text): a quoted
 * string loses its quotes, whole numbers are integers, {@code True} and {@code False} are booleans, {@code None}
 * is null, anything else is the text as written.
 */
final class IniValues {
    private IniValues() {
    }

    static Var var(String written, Mark mark) {
        String text = written.strip();
        Tag tag = Tag.STR;
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            text = text.substring(1, text.length() - 1);
        } else if (text.matches("[+-]?\\d+")) {
            tag = Tag.INT;
        } else if (text.matches("[+-]?(\\d+\\.\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            tag = Tag.FLOAT;
        } else if (text.equals("True") || text.equals("False")) {
            tag = Tag.BOOL;
            text = text.toLowerCase(java.util.Locale.ROOT);
        } else if (text.equals("None")) {
            tag = Tag.NULL;
            text = "";
        }
        return new Var(new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN), mark);
    }
}
