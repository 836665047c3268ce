package io.pgconverge.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's host patterns in an inventory: ranges ({@code node[1:3]}, {@code db[01:10:2]},
 * {@code rack[a:c]}) and a trailing {@code :PORT} on a name or IPv4 address.
 */
final class HostPatterns {
    /** The names a pattern stands for, and the port it carries, if any. */
    record Expansion(List<String> names, OptionalInt port) {
    }

    private static final Pattern RANGE = Pattern.compile("\\[([a-z0-9]+):([a-z0-9]+)(?::(\\d+))?]", Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH_PORT = Pattern.compile("([^:\\[\\]]+|[^:]*\\[[^]]*][^:]*):(\\d{1,5})");

    private HostPatterns() {
    }

    /** Empty when a range is malformed (its ends are of different kinds, or the start is after the end). */
    static Optional<Expansion> expand(String pattern) {
        String names = pattern;
        OptionalInt port = OptionalInt.empty();
        Matcher withPort = WITH_PORT.matcher(pattern);
        if (withPort.matches()) {
            names = withPort.group(1);
            port = OptionalInt.of(Integer.parseInt(withPort.group(2)));
        }
        List<String> expanded = new ArrayList<>();
        return ranges(names, expanded) ? Optional.of(new Expansion(expanded, port)) : Optional.empty();
    }

    private static boolean ranges(String pattern, List<String> out) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            out.add(pattern);
            return true;
        }
        String head = pattern.substring(0, m.start());
        String tail = pattern.substring(m.end());
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        List<String> items = items(from, to, step);
        if (items.isEmpty()) {
            return false;
        }
        for (String item : items) {
            if (!ranges(head + item + tail, out)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> items(String from, String to, int step) {
        List<String> items = new ArrayList<>();
        if (step <= 0) {
            return items;
        }
        if (from.matches("\\d+") && to.matches("\\d+")) {
            int start = Integer.parseInt(from);
            int end = Integer.parseInt(to);
            int width = from.startsWith("0") && from.length() > 1 ? from.length() : 0;
            for (int i = start; i <= end && end - start < 100_000; i += step) {
                items.add(width > 0 ? String.format("%0" + width + "d", i) : Integer.toString(i));
            }
        } else if (from.matches("[a-zA-Z]") && to.matches("[a-zA-Z]")) {
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) step) {
                items.add(String.valueOf(c));
            }
        }
        return items;
    }
}
