package io.pgconverge.load;

import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.IdentMap;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.TopologySpec;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a playbook document (extra vars already applied) into a {@link DesiredState}. Problems go to the
 * diagnostics; a value that could not be read is left blank ("" or 0) and later checks skip it.
 */
final class PlaybookLoader {
    static final List<String> KEYS = List.of("hosts", "primary", "postgres", "settings", "archive", "hba", "roles",
            "replication", "ident", "restart_method", "synchronous", "standbys");

    private PlaybookLoader() {
    }

    /**
     * A read playbook.
     *
     * @param hbaComplete the hba list was there and every rule of it could be read, so rules can be matched
     */
    record Loaded(DesiredState desired, boolean hbaComplete) {
    }

    static Loaded load(YamlDocument document, Diagnostics problems) {
        PlaybookContext context = new PlaybookContext(document.locator(), problems);
        Fields top = new Fields(document.root(), "", context);
        top.allow(KEYS);
        String group = top.text("hosts", true).orElse("");
        String primary = top.text("primary", true).orElse("");
        int version = top.mapping("postgres", true).map(PlaybookLoader::version).orElse(0);
        Map<String, String> settings = top.mapping("settings", false)
                .map(f -> SettingsReader.read(f, context)).orElse(Map.of());
        Optional<ArchiveSpec> archive = top.mapping("archive", false).flatMap(PlaybookLoader::archive);
        int before = problems.count();
        List<HbaRule> hba = top.list("hba", true).map(l -> HbaReader.read(l, context)).orElse(List.of());
        boolean hbaComplete = problems.count() == before;
        List<RoleSpec> roles = top.list("roles", false).map(l -> RoleReader.read(l, context)).orElse(List.of());
        Optional<ReplicationSpec> replication = top.mapping("replication", false)
                .flatMap(f -> replication(f, context));
        List<IdentMap> ident = top.list("ident", false).map(l -> IdentReader.read(l, context)).orElse(List.of());
        TopologySpec topology = TopologyReader.read(top, context);
        return new Loaded(new DesiredState(document.file(), group, primary, version, settings, archive, hba, roles,
                replication, context.marks(), ident, topology), hbaComplete);
    }

    private static int version(Fields postgres) {
        postgres.allow(List.of("version"));
        return postgres.node("version", true).map(n -> {
            OptionalInt parsed = n instanceof ScalarNode s ? PgMajorVersion.parse(s.getValue()) : OptionalInt.empty();
            if (parsed.isEmpty()) {
                postgres.problem(n, postgres.path("version") + " must be a PostgreSQL major version such as 15 or 9.6,"
                        + " found " + NodeText.describe(n));
            }
            return parsed.orElse(0);
        }).orElse(0);
    }

    private static Optional<ArchiveSpec> archive(Fields archive) {
        archive.allow(List.of("dir", "restore_on_standbys"));
        Optional<String> dir = archive.text("dir", true);
        boolean restore = archive.flag("restore_on_standbys").orElse(false);
        dir.filter(d -> !d.startsWith("/")).ifPresent(d -> archive.problem(archive.node("dir", true).orElseThrow(),
                "archive.dir must be an absolute path on the nodes, found " + NodeText.quote(d)));
        return dir.map(d -> new ArchiveSpec(d, restore));
    }

    private static Optional<ReplicationSpec> replication(Fields replication, PlaybookContext context) {
        replication.allow(List.of("user", "slots", "slot_names"));
        Optional<String> user = replication.text("user", true);
        boolean slots = replication.flag("slots").orElse(true);
        Map<String, String> slotNames = new LinkedHashMap<>();
        replication.mapping("slot_names", false).ifPresent(names -> {
            for (NodeTuple tuple : names.entries().values()) {
                String host = MappingEntries.keyText(tuple);
                String path = names.path(host);
                context.mark(path, tuple.getKeyNode());
                Node value = tuple.getValueNode();
                names.text(value, path).ifPresent(name -> {
                    if (name.matches("[a-z0-9_]{1,63}")) {
                        slotNames.put(host, name);
                    } else {
                        context.problem(context.at(value), path + " must be a slot name of 1 to 63 lower-case"
                                + " letters, digits and underscores, found " + NodeText.quote(name));
                    }
                });
            }
        });
        return user.map(u -> new ReplicationSpec(u, slots, slotNames));
    }
}
