package io.pgconverge.plan.config;

import io.pgconverge.facts.SettingFact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a value as the playbook writes it equals a server's effective value (pg_settings.setting), read the
 * way PostgreSQL reads it: integers and reals in the parameter's unit (8kB pages, kB, MB, ms, s, min, ...) with
 * or without a unit suffix, booleans in every spelling PostgreSQL accepts (on, off, true, false, yes, no, 1,
 * 0 and their unique prefixes, any case), enums without regard to case, strings once quotes are removed, and
 * list parameters item by item with the spaces around commas ignored.
 */
public final class SettingValue {
    private static final Pattern NUMBER = Pattern.compile("\\s*([-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
            + "\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Double> MEMORY = Map.of("B", 1.0 / 1024, "kB", 1.0, "MB", 1024.0,
            "GB", 1024.0 * 1024, "TB", 1024.0 * 1024 * 1024);
    private static final Map<String, Double> TIME = Map.of("us", 0.001, "ms", 1.0, "s", 1000.0, "min", 60_000.0,
            "h", 3_600_000.0, "d", 86_400_000.0);
    /** String parameters PostgreSQL reads as comma-separated lists. */
    private static final Set<String> LISTS = Set.of("listen_addresses", "shared_preload_libraries",
            "session_preload_libraries", "local_preload_libraries", "search_path", "unix_socket_directories",
            "temp_tablespaces", "synchronous_standby_names", "log_destination", "datestyle", "debug_io_direct");

    private SettingValue() {
    }

    /** Whether {@code desired} (as written in a file, quoted or not) sets the value the server reports in {@code fact}. */
    public static boolean same(String desired, SettingFact fact) {
        String wanted = unquote(desired);
        String effective = fact.setting();
        switch (fact.vartype()) {
            case "bool":
                return bool(wanted).isPresent() && bool(wanted).equals(bool(effective));
            case "integer":
                return number(wanted, fact.unit()).map(Math::rint).equals(number(effective, fact.unit()));
            case "real":
                return number(wanted, fact.unit()).filter(w -> number(effective, fact.unit())
                        .filter(e -> Math.abs(e - w) <= 1e-9 * Math.max(1, Math.abs(e))).isPresent()).isPresent();
            case "enum":
                return wanted.equalsIgnoreCase(effective) || bool(wanted).isPresent() && bool(wanted).equals(bool(effective));
            default:
                return LISTS.contains(fact.name()) ? items(wanted).equals(items(effective)) : wanted.equals(effective);
        }
    }

    /** Whether two values as written in files set the same value of the parameter {@code fact} describes. */
    public static boolean sameWritten(String a, String b, SettingFact fact) {
        return same(a, new SettingFact(fact.name(), unquote(b), fact.unit(), fact.context(), fact.vartype(),
                fact.source(), fact.sourceFile(), fact.pendingRestart()));
    }

    /**
     * A number in the parameter's unit: {@code 128MB} of an 8kB parameter is 16384; a bare number is already in
     * the unit. Empty when the text is no number or its unit does not fit the parameter's.
     */
    static Optional<Double> number(String text, Optional<String> unit) {
        Matcher m = NUMBER.matcher(text);
        if (!m.matches()) {
            return hex(text);
        }
        double value = Double.parseDouble(m.group(1));
        String suffix = m.group(2);
        if (suffix.isEmpty()) {
            return Optional.of(value);
        }
        Optional<Double> base = unit.flatMap(SettingValue::scale);
        Optional<Double> given = scale(suffix);
        if (base.isEmpty() || given.isEmpty() || MEMORY.containsKey(suffix) != MEMORY.containsKey(baseSuffix(unit.get()))) {
            return Optional.empty();
        }
        return Optional.of(value * given.get() / base.get());
    }

    private static Optional<Double> hex(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("0x") && t.length() > 2) {
            try {
                return Optional.of((double) Long.parseLong(t.substring(2), 16));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The size of a unit in kB (memory) or ms (time): {@code 8kB} is 8, {@code s} is 1000. */
    private static Optional<Double> scale(String unit) {
        String suffix = baseSuffix(unit);
        double count = unit.length() > suffix.length() ? Double.parseDouble(unit.substring(0, unit.length() - suffix.length())) : 1;
        Double size = MEMORY.containsKey(suffix) ? MEMORY.get(suffix) : TIME.get(suffix);
        return size == null ? Optional.empty() : Optional.of(count * size);
    }

    private static String baseSuffix(String unit) {
        int i = 0;
        while (i < unit.length() && Character.isDigit(unit.charAt(i))) {
            i++;
        }
        return unit.substring(i);
    }

    /** PostgreSQL's parse_bool: on, off, true, false, yes, no, 1, 0 and unique prefixes, in any case. */
    static Optional<Boolean> bool(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.equals("1") || "true".startsWith(t) || "yes".startsWith(t) || t.length() >= 2 && t.equals("on")) {
            return Optional.of(true);
        }
        if (t.equals("0") || "false".startsWith(t) || "no".startsWith(t) || t.length() >= 2 && "off".startsWith(t)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** A file value without its single quotes ({@code ''} and backslash escapes undone). */
    static String unquote(String value) {
        String v = value.strip();
        if (v.length() < 2 || !v.startsWith("'") || !v.endsWith("'")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1 || c == '\'' && v.charAt(i + 1) == '\'') {
                i++;
                out.append(v.charAt(i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> items(String list) {
        if (list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",", -1)).map(String::strip)
                .map(s -> s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s)
                .toList();
    }
}
