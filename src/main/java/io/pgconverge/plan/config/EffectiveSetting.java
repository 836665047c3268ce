package io.pgconverge.plan.config;

import io.pgconverge.facts.SettingFact;
import io.pgconverge.plan.NodeContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A managed parameter whose value in effect on a running server (pg_settings) is not the playbook's, once
 * both are read in the parameter's unit and type, with who sets the value in effect.
 *
 * @param wanted    the playbook's value as pgconverge.conf writes it
 * @param effective pg_settings.setting, with the unit when it has one
 * @param file      pg_settings.sourcefile; empty when the value does not come from a file
 * @param line      pg_settings.sourceline
 * @param source    pg_settings.source, e.g. "configuration file", "command line", "default"
 */
public record EffectiveSetting(String name, String wanted, String effective, Optional<String> file,
                               Optional<Integer> line, String source, boolean needsRestart) {
    /** Values a server computes itself (wal_buffers = -1) or takes from outside any file it could be told of. */
    private static final Set<String> COMPUTED = Set.of("override");

    /** The managed parameters of a running server whose value in effect differs from {@code wanted}. */
    public static List<EffectiveSetting> differing(NodeContext node, Map<String, String> wanted) {
        List<EffectiveSetting> out = new ArrayList<>();
        if (node.server().isEmpty()) {
            return out;
        }
        wanted.forEach((name, value) -> node.setting(name)
                .filter(f -> !COMPUTED.contains(f.source()) && !SettingValue.same(value, f))
                .ifPresent(f -> out.add(of(node, f, value))));
        return out;
    }

    private static EffectiveSetting of(NodeContext node, SettingFact f, String wanted) {
        Optional<Integer> line = node.server().flatMap(s -> s.configSources().sourceLine(f.name()));
        String effective = f.setting() + f.unit().filter(u -> !u.isEmpty()).map(u -> " (" + u + ")").orElse("");
        return new EffectiveSetting(f.name(), wanted, effective, f.sourceFile(), line, f.source(), f.needsRestart());
    }

    /** Who sets the value in effect: {@code /etc/.../late.conf line 1}, or the source PostgreSQL names. */
    public String origin() {
        return file.map(f -> f + line.map(l -> " line " + l).orElse(""))
                .orElse(source.equals("default") ? "the built-in default" : "the server's " + source);
    }

    /** A value from no file (the server's command line, the environment) cannot be overridden by one. */
    public boolean fromOutsideFiles() {
        return file.isEmpty() && !source.equals("default");
    }

    @Override
    public String toString() {
        return name + " is " + effective + " in effect, set by " + origin() + "; the playbook says '" + wanted + "'";
    }
}
