package io.pgconverge.plan.config;

import io.pgconverge.facts.ConfigSources;
import io.pgconverge.facts.FileSettingError;
import io.pgconverge.plan.ConfEntry;
import io.pgconverge.plan.NodeContext;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.task.WriteFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What stands between the playbook's settings and the values in effect on a node, and what the plan does
 * about it. The engine's include stays the last directive of postgresql.conf, so every file postgresql.conf
 * includes is read before pgconverge.conf; a line after it that sets a managed parameter to another value is
 * commented out. A value in effect that differs from the playbook's is a change, naming the file and line that
 * set it; one from outside any file (the server's command line) is refused, as no file can override it. The
 * include chain must stay inside the configuration directory, free of cycles and readable, and the server must
 * have accepted every line of it.
 *
 * @param postgresqlConf the rewrite of postgresql.conf, when one is needed
 * @param restartFor     parameters whose value in effect needs a restart to change
 * @param reload         a value in effect differs and a reload applies it
 * @param differences    why values in effect differ from the playbook's, naming who sets them
 * @param shadowed       lines pgconverge.conf overrides with another value
 * @param refusals       what the engine will not act on
 */
public record ConfigOverrides(Optional<WriteFile> postgresqlConf, List<String> restartFor, boolean reload,
                              List<String> differences, List<String> shadowed, List<Notice> refusals) {
    private static final Set<String> RECOVERY = Set.of("primary_conninfo", "primary_slot_name",
            "recovery_target_timeline", "restore_command", "standby_mode");

    public ConfigOverrides {
        restartFor = List.copyOf(restartFor);
        differences = List.copyOf(differences);
        shadowed = List.copyOf(shadowed);
        refusals = List.copyOf(refusals);
    }

    /**
     * @param settings    every parameter pgconverge.conf sets, as it writes them
     * @param current     postgresql.conf as found; empty when absent or about to be made
     * @param alterSystem managed parameters set with ALTER SYSTEM, which are reset elsewhere
     * @param inPlace     the server keeps running with its data directory, so its values in effect count
     */
    public static ConfigOverrides plan(NodeContext node, Map<String, String> settings, Optional<String> current,
                                       Set<String> alterSystem, String playbook, boolean inPlace) {
        Map<String, String> managed = new LinkedHashMap<>(settings);
        managed.keySet().removeAll(RECOVERY);
        BiPredicate<String, String> same = (name, value) -> node.setting(name)
                .map(f -> SettingValue.sameWritten(value, managed.get(name), f))
                .orElseGet(() -> SettingChanges.sameValue(value, managed.get(name)));
        String marker = Path.of(playbook).getFileName().toString();
        Optional<PostgresqlConfRewrite> rewrite = current.flatMap(t -> PostgresqlConfRewrite.of(t, managed, same, marker));
        IncludeChain chain = IncludeChain.of(node.facts(), node.paths().postgresqlConf(), node.paths().pgconvergeConf());
        List<Notice> refusals = refusals(node, chain);
        List<EffectiveSetting> differing = inPlace ? EffectiveSetting.differing(node, managed).stream()
                .filter(e -> !alterSystem.contains(e.name()))
                .filter(e -> e.file().filter(f -> f.equals(node.paths().autoConf())).isEmpty()).toList() : List.of();
        differing.stream().filter(EffectiveSetting::fromOutsideFiles).forEach(e -> refusals.add(Notice.about(node.name(),
                e + ", and no configuration file overrides a value from " + e.origin()
                        + ": remove it there (the service's options) so that the playbook's can take effect")));
        List<EffectiveSetting> fixed = differing.stream().filter(e -> !e.fromOutsideFiles()).toList();
        List<String> notes = fixed.stream().filter(e -> e.file().filter(f -> f.equals(node.paths().pgconvergeConf()))
                .isEmpty()).map(EffectiveSetting::toString).toList();
        List<String> restartFor = fixed.stream().filter(EffectiveSetting::needsRestart).map(EffectiveSetting::name).toList();
        Optional<WriteFile> write = rewrite.map(r -> new WriteFile(node.name() + "/postgresql.conf", node.name(),
                node.paths().postgresqlConf(), current, r.text(), mode(node), false,
                String.join("; ", join(notes, r.reasons()))));
        List<String> shadowed = shadowed(node, chain, managed, same,
                rewrite.map(PostgresqlConfRewrite::commentedOut).orElse(Set.of()));
        return new ConfigOverrides(write, restartFor, !fixed.isEmpty(), notes, shadowed, refusals);
    }

    /** An include chain PostgreSQL would refuse or the engine will not follow, and lines the server rejected. */
    private static List<Notice> refusals(NodeContext node, IncludeChain chain) {
        List<Notice> refusals = new ArrayList<>();
        chain.problems().forEach(p -> refusals.add(Notice.about(node.name(), p)));
        node.server().map(s -> s.configSources().fileSettings()).orElse(List.of()).stream()
                .filter(f -> f.error().isPresent() && !pendingRestart(node, f) && !removedPostmasterSetting(f))
                .forEach(f -> refusals.add(Notice.about(node.name(), rejected(f))));
        return refusals;
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * A postmaster parameter changed in a file waits for a restart: pg_file_settings shows that as an error too,
     * before a reload as well as after it (when pg_settings.pending_restart says so).
     */
    private static boolean pendingRestart(NodeContext node, ConfigSources.FileSetting f) {
        return node.setting(f.name()).map(s -> s.pendingRestart() || s.needsRestart()
                && f.error().filter(FileSettingError.AWAITS_RESTART::equals).isPresent()).orElse(false);
    }

    /**
     * A restart-only parameter that was removed from the files (a promoted standby's recovery settings): PostgreSQL
     * records "cannot be changed without restarting the server" on a row with no file, line or name. It is no line
     * anyone can correct; the old value simply stays until the next restart.
     */
    private static boolean removedPostmasterSetting(ConfigSources.FileSetting f) {
        return f.name().isEmpty() && f.line() <= 0
                && f.error().orElse("").contains("cannot be changed without restarting the server");
    }

    private static String rejected(ConfigSources.FileSetting f) {
        return f.file() + " line " + f.line() + ": " + f.name() + " = '" + f.setting() + "' is rejected by the server ("
                + f.error().orElseThrow() + "); correct or remove the line";
    }

    /**
     * Lines of the configuration files that set a managed parameter to another value but are read before
     * pgconverge.conf, which overrides them; lines the rewrite comments out are left out.
     */
    private static List<String> shadowed(NodeContext node, IncludeChain chain, Map<String, String> managed,
                                         BiPredicate<String, String> same, Set<Integer> commentedOut) {
        List<String> out = new ArrayList<>();
        for (IncludeChain.ConfigFile file : chain.files()) {
            for (ConfEntry e : ConfFile.parse(node.content(file.factPath()).orElse(""))) {
                if (managed.containsKey(e.name()) && !same.test(e.name(), e.value())
                        && !(file.depth() == 0 && commentedOut.contains(e.line()))) {
                    out.add("shadowed by pgconverge.conf: " + file.path() + " line " + e.line() + " sets " + e.name()
                            + " = '" + e.value() + "'");
                }
            }
        }
        return out;
    }

    private static String mode(NodeContext node) {
        String mode = node.facts().file(node.paths().postgresqlConf()).mode();
        return mode.isBlank() ? "0644" : mode;
    }
}
