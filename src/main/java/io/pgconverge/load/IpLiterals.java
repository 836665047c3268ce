package io.pgconverge.load;

import java.util.Optional;

/** IPv4 and IPv6 literals to bytes, by the text alone (never a name lookup). */
final class IpLiterals {
    private IpLiterals() {
    }

    static Optional<byte[]> v4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(bytes);
    }

    static Optional<byte[]> v6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        byte[] first = groups(head, gap < 0);
        byte[] last = groups(tail, true);
        if (first == null || last == null) {
            return Optional.empty();
        }
        int missing = 16 - first.length - last.length;
        if (gap < 0 ? missing != 0 : missing < 2) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        System.arraycopy(first, 0, bytes, 0, first.length);
        System.arraycopy(last, 0, bytes, 16 - last.length, last.length);
        return Optional.of(bytes);
    }

    /** Colon-separated hex groups, the last of which may be an IPv4 literal when allowed. */
    private static byte[] groups(String text, boolean v4TailAllowed) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.contains(".") && v4TailAllowed) {
                Optional<byte[]> v4 = v4(p);
                if (v4.isEmpty()) {
                    return null;
                }
                out.writeBytes(v4.get());
            } else if (p.matches("[0-9A-Fa-f]{1,4}")) {
                int value = Integer.parseInt(p, 16);
                out.write(value >> 8);
                out.write(value & 0xff);
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }
}
