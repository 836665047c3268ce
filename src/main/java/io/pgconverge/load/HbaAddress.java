package io.pgconverge.load;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address column of a pg_hba.conf rule: a CIDR block (IPv4 or IPv6), a host name (or a .suffix),
 * or one of the keywords all, samehost, samenet. Parsed without any name lookup.
 */
final class HbaAddress {
    /** Whether an address rule matches a client address: NO, YES, or MAYBE when it cannot be known offline. */
    enum Match { NO, YES, MAYBE }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private HbaAddress(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** The address, or why it is not one (a sentence fragment that follows the address). */
    static HbaAddress parse(String text) throws IllegalArgumentException {
        String t = text.strip();
        if (t.equals("all") || t.equals("samehost") || t.equals("samenet")) {
            return new HbaAddress(t, null, -1);
        }
        int slash = t.indexOf('/');
        String ip = slash < 0 ? t : t.substring(0, slash);
        boolean v6 = ip.contains(":");
        Optional<byte[]> bytes = v6 ? IpLiterals.v6(ip) : IpLiterals.v4(ip);
        if (slash < 0 && bytes.isEmpty() && !v6 && !DOTTED_NUMBERS.matcher(t).matches()) {
            return hostName(t);
        }
        if (bytes.isEmpty()) {
            throw new IllegalArgumentException("is not a valid " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        if (slash < 0) {
            throw new IllegalArgumentException("needs a prefix length, such as " + ip + (v6 ? "/128" : "/32"));
        }
        String length = t.substring(slash + 1);
        int max = v6 ? 128 : 32;
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > max) {
            throw new IllegalArgumentException("has prefix length '" + length + "', outside 0-" + max + " for an "
                    + (v6 ? "IPv6" : "IPv4") + " address");
        }
        return new HbaAddress(t, bytes.get(), Integer.parseInt(length));
    }

    private static HbaAddress hostName(String t) {
        String name = t.startsWith(".") ? t.substring(1) : t;
        boolean valid = !name.isEmpty() && name.length() <= 253;
        for (String label : name.split("\\.", -1)) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException("is not an address: write a CIDR block (192.168.56.0/24, fd00::/8),"
                    + " a host name, all, samehost or samenet");
        }
        return new HbaAddress(t, null, -1);
    }

    /** Whether a client at this IP literal (or host name) would match the rule. */
    Match matches(String client) {
        if (text.equals("all")) {
            return Match.YES;
        }
        Optional<byte[]> ip = client.contains(":") ? IpLiterals.v6(client) : IpLiterals.v4(client);
        if (network == null || ip.isEmpty()) {
            return Match.MAYBE;
        }
        if (ip.get().length != network.length) {
            return Match.NO;
        }
        int shift = network.length * 8 - prefix;
        BigInteger a = new BigInteger(1, ip.get()).shiftRight(shift);
        BigInteger b = new BigInteger(1, network).shiftRight(shift);
        return a.equals(b) ? Match.YES : Match.NO;
    }
}
