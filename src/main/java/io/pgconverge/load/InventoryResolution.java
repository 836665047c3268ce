package io.pgconverge.load;

import io.pgconverge.model.Group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's variable precedence over a read inventory: a host's groups (those listing it and their
 * ancestors) are applied by depth below {@code all}, then ansible_group_priority, then name; host vars last.
 */
final class InventoryResolution {
    private static final int DEFAULT_PRIORITY = 1;

    private final Map<String, InventoryDrafts.GroupDraft> drafts;
    private final Map<String, Integer> depths = new HashMap<>();

    private InventoryResolution(Map<String, InventoryDrafts.GroupDraft> drafts) {
        this.drafts = drafts;
    }

    static InventoryFile resolve(String source, Map<String, InventoryDrafts.GroupDraft> drafts,
                                 Map<String, Map<String, Var>> hostVars, VarsLayers layers) {
        InventoryResolution r = new InventoryResolution(drafts);
        r.addUngrouped(hostVars.keySet());
        List<String> hostOrder = new ArrayList<>(hostVars.keySet());
        Map<String, Group> groups = new LinkedHashMap<>();
        for (InventoryDrafts.GroupDraft draft : drafts.values()) {
            Set<String> members = r.allHosts(draft.name);
            groups.put(draft.name, new Group(draft.name, new ArrayList<>(draft.children),
                    hostOrder.stream().filter(members::contains).toList()));
        }
        Map<String, Map<String, Var>> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Var>> host : hostVars.entrySet()) {
            resolved.put(host.getKey(), r.varsOf(host.getKey(), host.getValue(), layers));
        }
        return new InventoryFile(source, groups, resolved);
    }

    /**
     * Ansible's order, lowest first: the inventory file's group vars; group_vars/all of each folder; the other
     * group_vars of each folder (groups by depth); the inventory file's host vars; host_vars of each folder.
     */
    private Map<String, Var> varsOf(String host, Map<String, Var> own, VarsLayers layers) {
        List<String> groups = groupsOf(host);
        Map<String, Var> vars = new LinkedHashMap<>();
        for (String group : groups) {
            vars.putAll(drafts.get(group).vars);
        }
        for (Map<String, Map<String, Var>> layer : layers.groupVars()) {
            vars.putAll(layer.getOrDefault(InventoryLoader.ALL, Map.of()));
        }
        for (Map<String, Map<String, Var>> layer : layers.groupVars()) {
            for (String group : groups) {
                if (!group.equals(InventoryLoader.ALL)) {
                    vars.putAll(layer.getOrDefault(group, Map.of()));
                }
            }
        }
        vars.putAll(own);
        for (Map<String, Map<String, Var>> layer : layers.hostVars()) {
            vars.putAll(layer.getOrDefault(host, Map.of()));
        }
        return vars;
    }

    /** Hosts that no group but all lists belong to ungrouped, as in Ansible. */
    private void addUngrouped(Set<String> hosts) {
        InventoryDrafts.GroupDraft ungrouped = drafts.computeIfAbsent(InventoryLoader.UNGROUPED,
                InventoryDrafts.GroupDraft::new);
        if (ungrouped.parents.isEmpty()) {
            ungrouped.parents.add(InventoryLoader.ALL);
            drafts.get(InventoryLoader.ALL).children.add(InventoryLoader.UNGROUPED);
        }
        for (String host : hosts) {
            boolean grouped = drafts.values().stream()
                    .anyMatch(g -> !g.name.equals(InventoryLoader.ALL) && g.hosts.contains(host));
            if (!grouped) {
                ungrouped.hosts.add(host);
            }
        }
    }

    private Set<String> allHosts(String group) {
        Set<String> hosts = new LinkedHashSet<>(drafts.get(group).hosts);
        for (String child : drafts.get(group).children) {
            hosts.addAll(allHosts(child));
        }
        if (group.equals(InventoryLoader.ALL)) {
            drafts.values().forEach(g -> hosts.addAll(g.hosts));
        }
        return hosts;
    }

    /** The groups a host is in, directly or through a child group, in the order their vars apply. */
    private List<String> groupsOf(String host) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(InventoryLoader.ALL);
        for (InventoryDrafts.GroupDraft draft : drafts.values()) {
            if (draft.hosts.contains(host)) {
                addWithAncestors(draft.name, groups);
            }
        }
        return groups.stream().sorted(Comparator.<String>comparingInt(this::depth)
                .thenComparingInt(this::priority).thenComparing(Comparator.naturalOrder())).toList();
    }

    private void addWithAncestors(String group, Set<String> into) {
        if (into.add(group)) {
            drafts.get(group).parents.forEach(p -> addWithAncestors(p, into));
        }
    }

    /** The longest path from all, as Ansible's Group.depth. */
    private int depth(String group) {
        Integer known = depths.get(group);
        if (known != null) {
            return known;
        }
        int depth = drafts.get(group).parents.stream().mapToInt(p -> depth(p) + 1).max().orElse(0);
        depths.put(group, depth);
        return depth;
    }

    private int priority(String group) {
        Var v = drafts.get(group).vars.get("ansible_group_priority");
        return v == null ? DEFAULT_PRIORITY : v.text().filter(t -> t.matches("-?\\d{1,9}"))
                .map(Integer::parseInt).orElse(DEFAULT_PRIORITY);
    }
}
