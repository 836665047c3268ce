package io.pgconverge.plan.config;

import io.pgconverge.plan.ConfEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes PostgreSQL configuration file syntax: {@code name [=] value [# comment]}, values bare or
 * single-quoted (quotes doubled or backslash-escaped inside). Lines that do not parse are skipped, as the
 * planner only looks for parameters.
 */
public final class ConfFile {
    private ConfFile() {
    }

    public static List<ConfEntry> parse(String text) {
        List<ConfEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            ConfEntry entry = parseLine(i + 1, lines[i]);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The value of each parameter as the server sees it: the last line wins. Include directives are left out. */
    public static Map<String, String> values(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfEntry e : parse(text)) {
            if (!isInclude(e.name())) {
                values.remove(e.name());
                values.put(e.name(), e.value());
            }
        }
        return values;
    }

    public static boolean isInclude(String name) {
        return name.equals("include") || name.equals("include_if_exists") || name.equals("include_dir");
    }

    /** The value as written in a file: bare when it is a plain word or number, else single-quoted. */
    public static String literal(String value) {
        if (value.matches("-?[0-9]+(\\.[0-9]+)?[A-Za-z]*") || value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static ConfEntry parseLine(int number, String line) {
        int i = skipSpace(line, 0);
        int nameStart = i;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || "_.-".indexOf(line.charAt(i)) >= 0)) {
            i++;
        }
        if (i == nameStart || !Character.isLetter(line.charAt(nameStart)) && line.charAt(nameStart) != '_') {
            return null;
        }
        String name = line.substring(nameStart, i).toLowerCase(Locale.ROOT);
        i = skipSpace(line, i);
        if (i < line.length() && line.charAt(i) == '=') {
            i = skipSpace(line, i + 1);
        }
        String value = i < line.length() && line.charAt(i) == '\'' ? quoted(line, i + 1) : bare(line, i);
        return value == null ? null : new ConfEntry(number, name, value);
    }

    private static String quoted(String line, int start) {
        StringBuilder value = new StringBuilder();
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                value.append(line.charAt(++i));
            } else if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                value.append('\'');
                i++;
            } else if (c == '\'') {
                return value.toString();
            } else {
                value.append(c);
            }
        }
        return null;
    }

    private static String bare(String line, int start) {
        int end = start;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '#') {
            end++;
        }
        return end == start ? null : line.substring(start, end);
    }

    private static int skipSpace(String line, int i) {
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
