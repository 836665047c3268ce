package io.pgconverge.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses pg_hba.conf text into rules shaped like pg_hba_file_rules rows, for servers before 10 (which lack that
 * view) and for stopped servers: CIDR addresses become address plus netmask; keywords (all, samehost,
 * samenet) and host names keep netmask empty. A line that cannot be read becomes a rule with an error.
 */
public final class HbaFileParser {
    private static final List<String> TYPES =
            List.of("local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc");

    private HbaFileParser() {
    }

    public static List<HbaRuleFact> parse(String text) {
        List<HbaRuleFact> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            int first = n;
            StringBuilder logical = new StringBuilder(lines[n]);
            while (endsWithContinuation(logical) && n + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++n]);
            }
            List<String> tokens = HbaTokens.split(logical.toString());
            if (!tokens.isEmpty() && !tokens.get(0).startsWith("include")) {
                rules.add(rule(first + 1, tokens));
            }
        }
        return rules;
    }

    private static boolean endsWithContinuation(StringBuilder line) {
        int hash = line.indexOf("#");
        return hash < 0 && line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private static HbaRuleFact rule(int lineNumber, List<String> t) {
        String type = t.get(0);
        if (!TYPES.contains(type)) {
            return broken(lineNumber, type, "invalid connection type \"" + type + "\"");
        }
        boolean local = type.equals("local");
        int methodAt = local ? 3 : 4;
        if (t.size() < methodAt) {
            return broken(lineNumber, type, "end-of-line before " + (t.size() < 3 ? "role" : "IP address") + " specification");
        }
        Optional<String> address = Optional.empty();
        Optional<String> netmask = Optional.empty();
        if (!local) {
            String[] an = addressAndMask(t.get(3));
            address = Optional.of(an[0]);
            netmask = Optional.ofNullable(an[1]);
            if (an[1] == null && t.size() > 5 && Netmasks.isIpAddress(an[0]) && Netmasks.isIpAddress(t.get(4))) {
                netmask = Optional.of(t.get(4));
                methodAt = 5;
            }
        }
        if (t.size() <= methodAt) {
            return broken(lineNumber, type, "end-of-line before authentication method");
        }
        return new HbaRuleFact(lineNumber, type, list(t.get(1)), list(t.get(2)), address, netmask, t.get(methodAt),
                Optional.empty(), t.subList(methodAt + 1, t.size()));
    }

    /** {address, netmask or null}. */
    private static String[] addressAndMask(String token) {
        int slash = token.indexOf('/');
        if (slash < 0) {
            return new String[] {token, null};
        }
        String address = token.substring(0, slash);
        try {
            int bits = Integer.parseInt(token.substring(slash + 1));
            return new String[] {address, Netmasks.of(address, bits)};
        } catch (IllegalArgumentException e) {
            return new String[] {token, null};
        }
    }

    private static List<String> list(String token) {
        return Arrays.stream(token.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static HbaRuleFact broken(int lineNumber, String type, String error) {
        return new HbaRuleFact(lineNumber, type, List.of(), List.of(), Optional.empty(), Optional.empty(), "",
                Optional.of(error));
    }
}
