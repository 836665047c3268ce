package io.pgconverge.model;

import java.util.Objects;

/** A resolved secret value. Its string form never shows the value. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** The value itself: call only where it goes into a channel that does not log. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }
}
