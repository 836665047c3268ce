package io.pgconverge.load;

import io.pgconverge.model.HbaRule;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The playbook's {@code hba} list, in order. An entry that cannot be read is kept as a blank rule so
 * that "hba[N]" positions stay aligned; blank rules never leave a load that had problems.
 */
final class HbaReader {
    static final HbaRule BLANK = new HbaRule("", "", "", Optional.empty(), "", Optional.empty());
    private static final List<String> KEYS = List.of("type", "database", "user", "address", "method", "options");

    private HbaReader() {
    }

    static List<HbaRule> read(SequenceNode list, PlaybookContext context) {
        return MappingList.read(list, "hba", "{ type: host, database: all, user: all, address: 10.0.0.0/8,"
                + " method: scram-sha-256 }", BLANK, context, HbaReader::rule);
    }

    private static HbaRule rule(Fields f) {
        f.allow(KEYS);
        String type = f.text("type", true).orElse("");
        String database = names(f, "database");
        String user = names(f, "user");
        Optional<String> address = f.text("address", false);
        String method = f.text("method", true).orElse("");
        Optional<String> options = f.text("options", false);
        return new HbaRule(type, database, user, address, method, options);
    }

    /** database and user: one name or a list of names, kept as pg_hba.conf's comma-separated form. */
    private static String names(Fields f, String key) {
        Optional<Node> node = f.node(key, true);
        if (node.isEmpty()) {
            return "";
        }
        if (node.get() instanceof SequenceNode list) {
            List<String> names = new ArrayList<>();
            for (Node n : list.getValue()) {
                f.text(n, f.path(key)).ifPresent(names::add);
            }
            return names.size() == list.getValue().size() && !names.isEmpty() ? String.join(",", names) : "";
        }
        return f.text(node.get(), f.path(key)).orElse("");
    }
}
