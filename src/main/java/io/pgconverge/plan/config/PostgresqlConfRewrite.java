package io.pgconverge.plan.config;

import io.pgconverge.plan.ConfEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * postgresql.conf made to leave the playbook's values in effect, touching as little as it can: a line after
 * the engine's include that sets a managed parameter to another value is commented out (never deleted) with
 * a marker naming the playbook, and when an {@code include}, {@code include_if_exists} or {@code include_dir}
 * comes after the engine's include line, that line moves to the end so that pgconverge.conf is read last.
 *
 * @param text    the new content
 * @param reasons what changes and why, one entry per line touched
 * @param commentedOut the numbers of the lines commented out, as found
 */
public record PostgresqlConfRewrite(String text, List<String> reasons, Set<Integer> commentedOut) {
    public PostgresqlConfRewrite {
        reasons = List.copyOf(reasons);
        commentedOut = Set.copyOf(commentedOut);
    }

    /**
     * @param text     postgresql.conf as found
     * @param wanted   the managed parameters and their values as pgconverge.conf writes them
     * @param same     whether a value written in the file sets the same value as the playbook's
     * @param playbook the playbook's file name, for the marker
     * @return empty when nothing after the engine's include line overrides the playbook, or there is no such line
     */
    public static java.util.Optional<PostgresqlConfRewrite> of(String text, Map<String, String> wanted,
                                                               BiPredicate<String, String> same, String playbook) {
        List<ConfEntry> entries = ConfFile.parse(text);
        Set<Integer> engineLines = new TreeSet<>();
        entries.stream().filter(PostgresqlConfRewrite::isEngineInclude).forEach(e -> engineLines.add(e.line()));
        if (engineLines.isEmpty()) {
            return java.util.Optional.empty();
        }
        int last = ((TreeSet<Integer>) engineLines).last();
        List<String> reasons = new ArrayList<>();
        Set<Integer> commentOut = new TreeSet<>();
        boolean move = false;
        for (ConfEntry e : entries) {
            if (e.line() <= last || isEngineInclude(e)) {
                continue;
            }
            if (ConfFile.isInclude(e.name())) {
                move = true;
                reasons.add("line " + e.line() + " (" + e.name() + " '" + e.value() + "') comes after the engine's "
                        + "include, which moves to the end");
            } else if (wanted.containsKey(e.name()) && !same.test(e.name(), e.value())) {
                commentOut.add(e.line());
                reasons.add("line " + e.line() + " sets " + e.name() + " = '" + e.value() + "' after the engine's "
                        + "include and is commented out");
            }
        }
        if (!move && commentOut.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PostgresqlConfRewrite(rewrite(text, entries, commentOut,
                move ? engineLines : Set.of(), playbook), reasons, commentOut));
    }

    /** The marker put in front of a line the engine comments out. */
    public static String marker(String playbook, String name) {
        return "# commented out by pgconverge: " + playbook + " sets " + name + " # ";
    }

    private static String rewrite(String text, List<ConfEntry> entries, Set<Integer> commentOut, Set<Integer> drop,
                                  String playbook) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (drop.contains(number)) {
                continue;
            }
            if (commentOut.contains(number)) {
                String name = entries.stream().filter(e -> e.line() == number).findFirst().orElseThrow().name();
                out.append(marker(playbook, name));
            }
            out.append(lines[i]);
            if (i + 1 < lines.length) {
                out.append('\n');
            }
        }
        if (!drop.isEmpty()) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(ConfigPlanner.INCLUDE_LINE).append('\n');
        }
        return out.toString();
    }

    static boolean isEngineInclude(ConfEntry e) {
        return ConfFile.isInclude(e.name()) && !e.name().equals("include_dir")
                && (e.value().equals("pgconverge.conf") || e.value().endsWith("/pgconverge.conf"));
    }
}
