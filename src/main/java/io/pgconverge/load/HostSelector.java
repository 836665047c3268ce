package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.Group;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible's host patterns, as {@code --limit} takes them: names and groups separated by commas (or colons),
 * {@code all} or {@code *}, wildcards ({@code node*}), regular expressions ({@code ~node[12]}), {@code &group} to
 * intersect and {@code !name} to exclude. Plain patterns are united first, then intersected, then excluded.
 */
public final class HostSelector {
    private final List<String> hosts;
    private final Map<String, Group> groups;

    /** @param hosts the hosts patterns may select, in inventory order */
    public HostSelector(List<String> hosts, Map<String, Group> groups) {
        this.hosts = List.copyOf(hosts);
        this.groups = Map.copyOf(groups);
    }

    /**
     * The selected hosts in inventory order.
     *
     * @throws InputException naming the pattern when one matches nothing or is not a valid expression
     */
    public List<String> select(String limit) {
        Set<String> union = new LinkedHashSet<>();
        List<Set<String>> intersections = new ArrayList<>();
        Set<String> excluded = new LinkedHashSet<>();
        boolean plain = false;
        for (String raw : limit.split(limit.contains(",") ? "," : ":")) {
            String pattern = raw.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith("!")) {
                excluded.addAll(matching(pattern.substring(1), limit));
            } else if (pattern.startsWith("&")) {
                intersections.add(matching(pattern.substring(1), limit));
            } else {
                plain = true;
                union.addAll(matching(pattern, limit));
            }
        }
        Set<String> selected = plain ? union : new LinkedHashSet<>(hosts);
        intersections.forEach(selected::retainAll);
        selected.removeAll(excluded);
        if (selected.isEmpty()) {
            throw problem("'" + limit + "' leaves no host of the cluster (" + String.join(", ", hosts) + ")");
        }
        return hosts.stream().filter(selected::contains).toList();
    }

    private Set<String> matching(String pattern, String limit) {
        Set<String> found = new LinkedHashSet<>();
        if (pattern.equals("all") || pattern.equals("*")) {
            found.addAll(hosts);
        } else if (groups.containsKey(pattern)) {
            groups.get(pattern).hosts().stream().filter(hosts::contains).forEach(found::add);
        } else if (hosts.contains(pattern)) {
            found.add(pattern);
        } else {
            Pattern p = compile(pattern);
            hosts.stream().filter(h -> p.matcher(h).matches()).forEach(found::add);
            groups.values().stream().filter(g -> p.matcher(g.name()).matches())
                    .forEach(g -> g.hosts().stream().filter(hosts::contains).forEach(found::add));
        }
        if (found.isEmpty()) {
            throw problem("the pattern '" + pattern + "' matches no host or group of the cluster ("
                    + String.join(", ", hosts) + ")");
        }
        return found;
    }

    private static Pattern compile(String pattern) {
        if (pattern.startsWith("~")) {
            try {
                return Pattern.compile(pattern.substring(1) + ".*");
            } catch (PatternSyntaxException e) {
                throw problem("'" + pattern + "' is not a valid regular expression: " + e.getDescription());
            }
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static InputException problem(String message) {
        return new InputException(new Diagnostic(Mark.of("--limit"), message));
    }
}
