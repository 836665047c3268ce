package io.pgconverge.facts;

/** A WAL location, parsed from PostgreSQL's {@code X/Y} form; ordered by position. */
public record Lsn(long value) implements Comparable<Lsn> {
    public static Lsn parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: " + text);
        }
        long hi = Long.parseLong(text.substring(0, slash), 16);
        long lo = Long.parseLong(text.substring(slash + 1), 16);
        return new Lsn((hi << 32) | lo);
    }

    /** Bytes from {@code other} up to this one (negative when this one is earlier). */
    public long minus(Lsn other) {
        return value - other.value;
    }

    @Override
    public int compareTo(Lsn o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return String.format("%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
