package io.pgconverge.plan.config;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** libpq connection strings ({@code key=value ...}), values quoted where they need it. */
public final class Conninfo {
    private static final Pattern BARE = Pattern.compile("[^\\s'\\\\]+");

    private Conninfo() {
    }

    public static String of(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    public static String value(String v) {
        if (BARE.matcher(v).matches()) {
            return v;
        }
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
