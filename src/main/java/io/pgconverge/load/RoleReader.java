package io.pgconverge.load;

import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.SecretRef;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The playbook's {@code roles}; an entry that cannot be read stays as a nameless role to keep positions aligned. */
final class RoleReader {
    static final RoleSpec BLANK = new RoleSpec("", Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    private static final List<String> KEYS = List.of("name", "login", "superuser", "replication", "createdb",
            "createrole", "connection_limit", "password");

    private RoleReader() {
    }

    static List<RoleSpec> read(SequenceNode list, PlaybookContext context) {
        List<RoleSpec> roles = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            String path = "roles[" + i + "]";
            context.mark(path, items.get(i));
            roles.add(Fields.of(items.get(i), path, context).map(f -> role(f, context)).orElse(BLANK));
        }
        return roles;
    }

    private static RoleSpec role(Fields f, PlaybookContext context) {
        f.allow(KEYS);
        String name = f.text("name", true).orElse("");
        Optional<Boolean> login = f.flag("login");
        Optional<Boolean> superuser = f.flag("superuser");
        Optional<Boolean> replication = f.flag("replication");
        Optional<Boolean> createdb = f.flag("createdb");
        Optional<Boolean> createrole = f.flag("createrole");
        Optional<Integer> connectionLimit = f.number("connection_limit");
        Optional<SecretRef> password = f.node("password", false)
                .flatMap(n -> SecretRefReader.read(n, f.path("password"), name, context));
        return new RoleSpec(name, login, superuser, replication, createdb, createrole, connectionLimit, password);
    }
}
