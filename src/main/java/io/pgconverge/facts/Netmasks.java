package io.pgconverge.facts;

import java.util.regex.Pattern;

/** Netmasks from CIDR prefix lengths, written the way PostgreSQL shows them in pg_hba_file_rules. */
final class Netmasks {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Netmasks() {
    }

    static boolean isIpAddress(String s) {
        return IPV4.matcher(s).matches() || IPV6.matcher(s).matches();
    }

    /** "255.255.255.0" for (an IPv4 address, 24); "ffff:ffff:ffff:ffff::" for (an IPv6 address, 64). */
    static String of(String address, int bits) {
        if (IPV4.matcher(address).matches()) {
            check(bits, 32);
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (mask >> 24) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
        }
        if (IPV6.matcher(address).matches()) {
            check(bits, 128);
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                int inGroup = Math.max(0, Math.min(16, bits - g * 16));
                groups[g] = inGroup == 0 ? 0 : (0xFFFF << (16 - inGroup)) & 0xFFFF;
            }
            return ipv6(groups);
        }
        throw new IllegalArgumentException("not an IP address: " + address);
    }

    private static void check(int bits, int max) {
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length out of range: " + bits);
        }
    }

    /** RFC 5952 text: lower-case hex, the longest run of two or more zero groups as "::". */
    private static String ipv6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j - 1);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
