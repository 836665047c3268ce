package io.pgconverge.facts;

import java.util.Optional;

/** A standby's recovery_min_apply_delay in effect, as a person writes it: {@code 10s}, {@code 30min}, {@code 1h}. */
public final class ApplyDelay {
    private static final String[] UNITS = {"ms", "s", "min", "h", "d"};
    private static final long[] FACTORS = {1000, 60, 60, 24};

    private ApplyDelay() {
    }

    /** Empty when the server has no delay (0) or its settings were not read. */
    public static Optional<String> of(ServerFacts server) {
        return server.setting("recovery_min_apply_delay").filter(f -> !f.setting().equals("0"))
                .map(f -> text(f.setting(), f.unit().orElse("")));
    }

    /** {@code 10000} ms is {@code 10s}; a value that is not a whole number is left as it is. */
    static String text(String value, String unit) {
        long amount;
        try {
            amount = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value + unit;
        }
        int i = java.util.Arrays.asList(UNITS).indexOf(unit.isEmpty() ? "ms" : unit);
        if (i < 0) {
            return value + unit;
        }
        while (i < FACTORS.length && amount % FACTORS[i] == 0) {
            amount /= FACTORS[i];
            i++;
        }
        return amount + UNITS[i];
    }
}
