package io.pgconverge.plan.config;

import io.pgconverge.facts.SettingFact;
import io.pgconverge.plan.ConfEntry;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.task.WriteFile;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Managed parameters set with ALTER SYSTEM: postgresql.auto.conf wins over every other file, so such a
 * value is drift. On a running server it is undone with ALTER SYSTEM RESET; on a stopped one by rewriting
 * postgresql.auto.conf without those lines.
 */
public final class AlterSystemDrift {
    private AlterSystemDrift() {
    }

    /** The managed names in postgresql.auto.conf (read from the file, else from pg_settings' sourcefile). */
    public static Set<String> names(NodeContext node, Set<String> managed) {
        if (node.server().isEmpty()) {
            return Set.of();
        }
        Optional<String> autoConf = node.content(node.paths().autoConf());
        if (autoConf.isPresent()) {
            Set<String> names = new LinkedHashSet<>();
            ConfFile.parse(autoConf.get()).stream().map(ConfEntry::name).filter(managed::contains).forEach(names::add);
            return names;
        }
        Set<String> names = new TreeSet<>();
        node.server().get().settings().values().stream()
                .filter(s -> s.sourceFile().filter(f -> f.endsWith("/postgresql.auto.conf")).isPresent())
                .map(SettingFact::name).filter(managed::contains).forEach(names::add);
        return names;
    }

    /** For a stopped server: postgresql.auto.conf without the managed lines, when it has any. */
    public static Optional<WriteFile> rewrite(NodeContext node, Set<String> managed) {
        String path = node.paths().autoConf();
        Optional<String> current = node.content(path);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        ConfFile.parse(current.get()).stream().map(ConfEntry::name).filter(managed::contains).forEach(names::add);
        return without(current.get(), managed).map(kept -> new WriteFile(node.name() + "/auto.conf", node.name(), path,
                current, kept, "0600", false, "set with ALTER SYSTEM, which overrides the playbook: "
                + String.join(", ", names)));
    }

    /** The text of a postgresql.auto.conf without the lines that set a managed parameter; empty when it has none. */
    public static Optional<String> without(String autoConf, Set<String> managed) {
        Set<Integer> drop = new TreeSet<>();
        ConfFile.parse(autoConf).stream().filter(e -> managed.contains(e.name())).forEach(e -> drop.add(e.line()));
        if (drop.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder kept = new StringBuilder();
        String[] lines = autoConf.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!drop.contains(i + 1)) {
                kept.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
            }
        }
        return Optional.of(kept.toString());
    }
}
