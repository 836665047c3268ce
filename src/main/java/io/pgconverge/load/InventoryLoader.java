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

    /** A group while the file is read. */
    static final class GroupDraft {
        final String name;
        final Set<String> parents = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Set<String> hosts = new LinkedHashSet<>();
        final Map<String, Var> vars = new LinkedHashMap<>();

        GroupDraft(String name) {
            this.name = name;
        }
    }

    private final Locator locator;
    private final Diagnostics problems;
    private final Map<String, GroupDraft> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Var>> hostVars = new LinkedHashMap<>();

    private InventoryLoader(Locator locator, Diagnostics problems) {
        this.locator = locator;
        this.problems = problems;
        groups.put(ALL, new GroupDraft(ALL));
    }

    /** @throws io.pgconverge.model.InputException when the file is not a readable inventory */
    public static InventoryFile read(Path path) {
        YamlDocument document = YamlReader.read(path, "inventory groups (such as all)");
        Diagnostics problems = new Diagnostics();
        InventoryLoader loader = new InventoryLoader(document.locator(), problems);
        for (NodeTuple tuple : MappingEntries.of(document.root())) {
            String name = MappingEntries.keyText(tuple);
            loader.group(name, tuple.getValueNode(), name.equals(ALL) ? null : ALL, tuple.getKeyNode());
        }
        problems.throwIfAny();
        return InventoryResolution.resolve(document.file(), loader.groups, loader.hostVars);
    }

    private void group(String name, Node value, String parent, Node keyNode) {
        GroupDraft group = groups.computeIfAbsent(name, GroupDraft::new);
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
        if (child.equals(ALL) || child.equals(parent) || isAncestor(child, parent)) {
            problems.add(locator.at(keyNode), "group '" + child + "' inside group '" + parent
                    + "' makes a loop of groups");
            return false;
        }
        groups.get(parent).children.add(child);
        groups.get(child).parents.add(parent);
        return true;
    }

    private boolean isAncestor(String candidate, String group) {
        for (String parent : groups.get(group).parents) {
            if (parent.equals(candidate) || isAncestor(candidate, parent)) {
                return true;
            }
        }
        return false;
    }

    private void children(GroupDraft group, Node value) {
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

    private void hosts(GroupDraft group, Node value) {
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
                group.hosts.add(host);
                Map<String, Var> vars = hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>());
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
