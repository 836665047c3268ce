package io.pgconverge.load;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an Ansible YAML inventory as Ansible's yaml inventory plugin does: top-level groups (implicitly
 * children of {@code all}), {@code hosts}, {@code vars} and nested {@code children}, a host in several
 * groups, host patterns with ranges. Other keys in a group are skipped, as Ansible skips them; every
 * variable is kept, the engine's own and foreign ones alike.
 */
public final class InventoryLoader {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    private final Locator locator;
    private final Diagnostics problems;
    private final InventoryDrafts drafts;

    private InventoryLoader(Locator locator, Diagnostics problems, InventoryDrafts drafts) {
        this.locator = locator;
        this.problems = problems;
        this.drafts = drafts;
    }

    /** @throws io.pgconverge.model.InputException when the file is not a readable inventory */
    public static InventoryFile read(Path path) {
        return read(path, VarsDirectories.none());
    }

    /**
     * Reads a YAML inventory ({@code .yml}, {@code .yaml}, {@code .json}, as Ansible's yaml plugin) or else an
     * INI one, with the group_vars/ and host_vars/ of {@code directories}.
     *
     * @throws io.pgconverge.model.InputException when the file is not a readable inventory
     */
    public static InventoryFile read(Path path, VarsDirectories directories) {
        Diagnostics problems = new Diagnostics();
        InventoryDrafts drafts = new InventoryDrafts();
        String source;
        if (isYaml(path)) {
            YamlDocument document = YamlReader.parse(path.toString(), directories.text(path),
                    "inventory groups (such as all)");
            source = document.file();
            InventoryLoader loader = new InventoryLoader(document.locator(), problems, drafts);
            for (NodeTuple tuple : MappingEntries.of(document.root())) {
                String name = MappingEntries.keyText(tuple);
                loader.group(name, tuple.getValueNode(), name.equals(ALL) ? null : ALL, tuple.getKeyNode());
            }
        } else {
            source = path.toString();
            IniInventoryReader.read(source, directories.text(path), drafts, problems);
        }
        drafts.adoptOrphans();
        problems.throwIfAny();
        VarsLayers layers = directories.read(drafts.groups.keySet(), drafts.hostVars.keySet(), problems);
        problems.throwIfAny();
        return InventoryResolution.resolve(source, drafts.groups, drafts.hostVars, layers);
    }

    private static boolean isYaml(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json");
    }

    private void group(String name, Node value, String parent, Node keyNode) {
        InventoryDrafts.GroupDraft group = drafts.group(name);
        if (parent != null && !link(parent, name, keyNode)) {
            return;
        }
        if (NodeText.isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            problems.add(locator.at(value), "group '" + name + "' must be a mapping of hosts, vars and children, found "
                    + NodeText.describe(value));
            return;
        }
        for (NodeTuple tuple : MappingEntries.of(mapping)) {
            Node v = tuple.getValueNode();
            switch (MappingEntries.keyText(tuple)) {
                case "hosts" -> hosts(group, v);
                case "vars" -> vars(group.vars, v, "vars of group '" + name + "'");
                case "children" -> children(group, v);
                default -> { /* Ansible skips other keys of a group, and so does the engine */ }
            }
        }
    }

    private boolean link(String parent, String child, Node keyNode) {
        if (!drafts.link(parent, child)) {
            problems.add(locator.at(keyNode), "group '" + child + "' inside group '" + parent
                    + "' makes a loop of groups");
            return false;
        }
        return true;
    }

    private void children(InventoryDrafts.GroupDraft group, Node value) {
        if (NodeText.isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            problems.add(locator.at(value), "children of group '" + group.name + "' must be a mapping of group names,"
                    + " found " + NodeText.describe(value));
            return;
        }
        for (NodeTuple tuple : MappingEntries.of(mapping)) {
            group(MappingEntries.keyText(tuple), tuple.getValueNode(), group.name, tuple.getKeyNode());
        }
    }

    private void hosts(InventoryDrafts.GroupDraft group, Node value) {
        if (NodeText.isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            problems.add(locator.at(value), "hosts of group '" + group.name + "' must be a mapping of host names"
                    + " (node1: or node1: { ansible_host: ... }), found " + NodeText.describe(value));
            return;
        }
        for (NodeTuple tuple : MappingEntries.of(mapping)) {
            String pattern = MappingEntries.keyText(tuple);
            Optional<HostPatterns.Expansion> expansion = HostPatterns.expand(pattern);
            if (expansion.isEmpty()) {
                problems.add(locator.at(tuple.getKeyNode()), "host pattern '" + pattern + "' has a range that is empty"
                        + " or mixes letters and numbers");
                continue;
            }
            for (String host : expansion.get().names()) {
                Map<String, Var> vars = drafts.host(group.name, host);
                expansion.get().port().ifPresent(port -> vars.put("ansible_port", new Var(new ScalarNode(Tag.INT,
                        Integer.toString(port), null, null, DumperOptions.ScalarStyle.PLAIN),
                        locator.at(tuple.getKeyNode()))));
                vars(vars, tuple.getValueNode(), "host '" + host + "'");
            }
        }
    }

    private void vars(Map<String, Var> into, Node value, String owner) {
        if (NodeText.isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            problems.add(locator.at(value), owner + " must have a mapping of variables, found "
                    + NodeText.describe(value));
            return;
        }
        for (NodeTuple tuple : MappingEntries.of(mapping)) {
            into.put(MappingEntries.keyText(tuple), new Var(tuple.getValueNode(), locator.at(tuple.getValueNode())));
        }
    }
}
