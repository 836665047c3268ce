package io.pgconverge.load;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A playbook list whose entries are mappings ({@code hba}, {@code ident}): each entry is marked at
 * {@code key[N]} and read by {@code reader}; an entry that is no mapping is a problem and stays in the list as
 * {@code blank}, so that positions stay aligned.
 */
final class MappingList {
    private MappingList() {
    }

    /**
     * @param example an entry as the user should write it, for the message
     */
    static <T> List<T> read(SequenceNode list, String key, String example, T blank, PlaybookContext context,
                            Function<Fields, T> reader) {
        List<T> entries = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            String path = key + "[" + i + "]";
            Node item = items.get(i);
            context.mark(path, item);
            if (item instanceof ScalarNode && !NodeText.isNull(item)) {
                context.problem(context.at(item), path + " must be a mapping such as " + example + ", found "
                        + NodeText.describe(item));
                entries.add(blank);
            } else {
                entries.add(Fields.of(item, path, context).map(reader).orElse(blank));
            }
        }
        return entries;
    }
}
