package io.pgconverge.plan.config;

import io.pgconverge.facts.SettingFact;
import io.pgconverge.plan.NodeContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which parameters of a node change, and whether that takes a reload or a restart, decided per parameter
 * from pg_settings.context: postmaster parameters need a restart, and so does a parameter the server does
 * not report (unknown: a restart is the safe choice). Parameters already pending a restart count too.
 */
public final class SettingChanges {
    /** Parameters a hot standby needs at least as high as its primary's. */
    public static final Set<String> HOT_STANDBY = Set.of("max_connections", "max_worker_processes", "max_wal_senders",
            "max_prepared_transactions", "max_locks_per_transaction");

    public final Set<String> changed = new LinkedHashSet<>();
    public final List<String> restartFor = new ArrayList<>();
    public final Map<String, Integer> hotStandby = new LinkedHashMap<>();

    /**
     * @param before      values the node's pgconverge.conf has now (empty when absent)
     * @param after       values it will have
     * @param included    postgresql.conf already includes pgconverge.conf
     * @param alterSystem managed parameters set with ALTER SYSTEM, to be reset
     */
    public static SettingChanges of(NodeContext node, Map<String, String> before, Map<String, String> after,
                             boolean included, Set<String> alterSystem) {
        SettingChanges c = new SettingChanges();
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                c.changed.add(name);
            }
        }
        if (!included) {
            c.changed.addAll(after.keySet());
        }
        c.changed.addAll(alterSystem);
        for (String name : after.keySet()) {
            if (node.setting(name).filter(f -> f.source().equals("default")).isPresent()) {
                c.changed.add(name);
            }
        }
        c.changed.addAll(notReloaded(node, after));
        c.classify(node, names, after);
        c.compareHotStandby(node, before, after);
        return c;
    }

    /**
     * Settings whose file already has the desired value while the server still runs with another one from a
     * configuration file: the reload after the write never happened (an apply killed in between). Only values
     * without units are compared, which the server shows as written.
     */
    private static Set<String> notReloaded(NodeContext node, Map<String, String> after) {
        Set<String> names = new java.util.TreeSet<>();
        after.forEach((name, value) -> node.setting(name)
                .filter(f -> f.source().equals("configuration file") && !f.pendingRestart())
                .filter(f -> Set.of("string", "enum", "bool").contains(f.vartype()))
                .filter(f -> !sameValue(f.setting(), value)).ifPresent(f -> names.add(name)));
        return names;
    }

    public boolean needsReload() {
        return !changed.isEmpty();
    }

    private void classify(NodeContext node, Set<String> managed, Map<String, String> after) {
        for (String name : changed) {
            Optional<SettingFact> fact = node.setting(name);
            boolean alreadyInEffect = fact.isPresent() && after.containsKey(name)
                    && sameValue(fact.get().setting(), after.get(name));
            boolean restart = !alreadyInEffect && fact.map(SettingFact::needsRestart).orElse(node.running());
            if (restart && !restartFor.contains(name)) {
                restartFor.add(name);
            }
        }
        for (String name : managed) {
            if (node.setting(name).filter(SettingFact::pendingRestart).isPresent() && !restartFor.contains(name)) {
                restartFor.add(name);
            }
        }
    }

    private void compareHotStandby(NodeContext node, Map<String, String> before, Map<String, String> after) {
        for (String name : changed) {
            if (!HOT_STANDBY.contains(name) || after.get(name) == null) {
                continue;
            }
            Optional<Long> now = number(node.setting(name).map(SettingFact::setting).orElse(before.get(name)));
            Optional<Long> next = number(after.get(name));
            if (next.isPresent() && now.isPresent() && !next.equals(now)) {
                hotStandby.put(name, Long.compare(next.get(), now.get()));
            } else if (next.isPresent() && now.isEmpty()) {
                hotStandby.put(name, 1);
            }
        }
    }

    /**
     * Whether a running server's value (pg_settings.setting) is already what the file will say: the same text
     * once quotes are stripped, or the same boolean. Values with units are compared as written, so '1GB'
     * against 131072 (8kB pages) counts as a change: a needless restart rather than a missed one.
     */
    public static boolean sameValue(String running, String confValue) {
        String desired = confValue.strip();
        if (desired.length() >= 2 && desired.startsWith("'") && desired.endsWith("'")) {
            desired = desired.substring(1, desired.length() - 1).replace("''", "'");
        }
        return running.equalsIgnoreCase(desired) || bool(running).filter(b -> bool(confValue.strip()).equals(
                Optional.of(b))).isPresent();
    }

    private static Optional<Boolean> bool(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT).replace("'", "")) {
            case "on": case "true": case "yes": case "1":
                return Optional.of(true);
            case "off": case "false": case "no": case "0":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
