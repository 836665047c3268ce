package io.pgconverge.load;

import io.pgconverge.model.IdentMap;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The playbook's {@code ident} list, pg_ident.conf in order: {@code { map, system_user, database_user }}. A map
 * name must be an identifier (a letter or underscore, then letters, digits, underscores), as hba rules name it
 * in {@code map=NAME}.
 */
final class IdentReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> KEYS = List.of("map", "system_user", "database_user");
    private static final IdentMap BLANK = new IdentMap("", "", "");

    private IdentReader() {
    }

    static List<IdentMap> read(SequenceNode list, PlaybookContext context) {
        return MappingList.read(list, "ident", "{ map: backup, system_user: barman, database_user: postgres }", BLANK,
                context, IdentReader::map);
    }

    private static IdentMap map(Fields f) {
        f.allow(KEYS);
        String map = f.text("map", true).orElse("");
        if (!map.isEmpty() && !NAME.matcher(map).matches()) {
            f.problem(f.node("map", true).orElseThrow(), f.path("map") + " must be an identifier (letters, digits "
                    + "and underscores, not starting with a digit), found " + NodeText.quote(map));
        }
        return new IdentMap(map, f.text("system_user", true).orElse(""), f.text("database_user", true).orElse(""));
    }
}
