package io.pgconverge.load;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An inventory while its file is read, whatever its format: groups with their parents, children, hosts and
 * variables, and each host's own variables, in the order they were written.
 */
final class InventoryDrafts {
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

    final Map<String, GroupDraft> groups = new LinkedHashMap<>();
    final Map<String, Map<String, Var>> hostVars = new LinkedHashMap<>();

    InventoryDrafts() {
        groups.put(InventoryLoader.ALL, new GroupDraft(InventoryLoader.ALL));
    }

    /** The group of that name; a group that has no parent when the file is read is a child of all. */
    GroupDraft group(String name) {
        return groups.computeIfAbsent(name, GroupDraft::new);
    }

    Map<String, Var> groupVars(String group) {
        return group(group).vars;
    }

    /** Adds the host to the group; returns the host's own variables, to be filled. */
    Map<String, Var> host(String group, String host) {
        group(group).hosts.add(host);
        return hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>());
    }

    /**
     * Makes {@code child} a child of {@code parent} (creating either); false, changing nothing, when that would
     * make a loop of groups.
     */
    boolean link(String parent, String child) {
        if (child.equals(InventoryLoader.ALL) || child.equals(parent) || (groups.containsKey(child)
                && isAncestor(child, parent))) {
            return false;
        }
        GroupDraft p = group(parent);
        GroupDraft c = group(child);
        p.children.add(child);
        c.parents.add(parent);
        return true;
    }

    /** As Ansible reconciles an inventory: every group without a parent becomes a child of all. */
    void adoptOrphans() {
        for (GroupDraft g : java.util.List.copyOf(groups.values())) {
            if (!g.name.equals(InventoryLoader.ALL) && g.parents.isEmpty()) {
                link(InventoryLoader.ALL, g.name);
            }
        }
    }

    private boolean isAncestor(String candidate, String group) {
        for (String parent : groups.get(group).parents) {
            if (parent.equals(candidate) || isAncestor(candidate, parent)) {
                return true;
            }
        }
        return false;
    }
}
