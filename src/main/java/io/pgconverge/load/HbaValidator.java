package io.pgconverge.load;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.PgMajorVersion;

import java.util.List;

/** Checks each hba rule on its own: type, method, address, and what the PostgreSQL version allows. */
final class HbaValidator {
    static final List<String> TYPES = List.of("local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc");
    static final List<String> METHODS = List.of("trust", "reject", "scram-sha-256", "md5", "password", "gss", "sspi",
            "ident", "peer", "ldap", "radius", "cert", "pam", "bsd");

    private HbaValidator() {
    }

    /** @return whether every rule is valid (only then can rules be matched against connections) */
    static boolean check(DesiredState desired, Diagnostics problems) {
        int before = problems.count();
        List<HbaRule> rules = desired.hba();
        for (int i = 0; i < rules.size(); i++) {
            check(rules.get(i), "hba[" + i + "]", desired, problems);
        }
        return problems.count() == before && rules.stream().noneMatch(HbaReader.BLANK::equals)
                && rules.stream().allMatch(r -> !r.type().isEmpty() && !r.method().isEmpty()
                && !r.database().isEmpty() && !r.user().isEmpty());
    }

    /** The version that version-dependent checks use: 0 (skip them) when it is unknown or unsupported. */
    private static int version(DesiredState desired) {
        return PgMajorVersion.isSupported(desired.pgVersion()) ? desired.pgVersion() : 0;
    }

    private static void check(HbaRule rule, String path, DesiredState desired, Diagnostics problems) {
        int version = version(desired);
        boolean local = rule.type().equals("local");
        if (!rule.type().isEmpty() && !TYPES.contains(rule.type())) {
            problems.add(desired.markOf(path + ".type"), "unknown hba type '" + rule.type() + "'"
                    + hint(rule.type(), TYPES));
        } else if (rule.type().endsWith("gssenc") && version != 0 && !PgMajorVersion.atLeast(version, 12)) {
            problems.add(desired.markOf(path + ".type"), "hba type " + rule.type() + " needs PostgreSQL 12 or later");
        }
        checkMethod(rule, path, desired, problems);
        checkMap(rule, path, desired, problems);
        if (local && rule.address().isPresent()) {
            problems.add(desired.markOf(path + ".address"), "a local rule takes no address (it is for Unix-domain"
                    + " socket connections); remove the address, or use type host");
        } else if (!local && TYPES.contains(rule.type()) && rule.address().isEmpty()) {
            problems.add(desired.markOf(path), path + " of type " + rule.type() + " needs an address: a CIDR block"
                    + " such as 192.168.56.0/24, a host name, all, samehost or samenet");
        } else if (!local) {
            rule.address().ifPresent(a -> {
                try {
                    HbaAddress.parse(a);
                } catch (IllegalArgumentException e) {
                    problems.add(desired.markOf(path + ".address"), "address '" + a + "' " + e.getMessage());
                }
            });
        }
    }

    /** A rule's {@code map=NAME} option names a map of the playbook's ident list. */
    private static void checkMap(HbaRule rule, String path, DesiredState desired, Diagnostics problems) {
        for (String option : rule.options().map(o -> o.trim().split("\\s+")).orElse(new String[0])) {
            if (!option.startsWith("map=")) {
                continue;
            }
            String map = option.substring(4);
            if (desired.ident().stream().noneMatch(m -> m.map().equals(map))) {
                List<String> declared = desired.ident().stream().map(m -> m.map()).distinct().toList();
                problems.add(desired.markOf(path + ".options"), path + " uses map=" + map + ", which the playbook's "
                        + "ident list does not declare" + (declared.isEmpty() ? "; add { map: " + map
                        + ", system_user: ..., database_user: ... } to ident" : hint(map, declared)));
            }
        }
    }

    private static void checkMethod(HbaRule rule, String path, DesiredState desired, Diagnostics problems) {
        String method = rule.method();
        int version = version(desired);
        if (method.isEmpty()) {
            return;
        }
        if (!METHODS.contains(method)) {
            problems.add(desired.markOf(path + ".method"), "unknown hba method '" + method + "'"
                    + hint(method, METHODS));
        } else if (method.equals("scram-sha-256") && version != 0 && !PgMajorVersion.atLeast(version, 10)) {
            problems.add(desired.markOf(path + ".method"), "scram-sha-256 needs PostgreSQL 10 or later; PostgreSQL "
                    + PgMajorVersion.text(version) + " has md5");
        } else if (method.equals("peer") && rule.type().startsWith("host")) {
            problems.add(desired.markOf(path + ".method"), "peer works only for local rules; a " + rule.type()
                    + " rule needs a method such as scram-sha-256");
        } else if (method.equals("cert") && rule.type().startsWith("host") && !rule.type().equals("hostssl")) {
            problems.add(desired.markOf(path + ".method"), "cert works only in hostssl rules");
        }
    }

    private static String hint(String word, List<String> known) {
        String hint = NameSuggester.hint(word, known);
        return hint.isEmpty() ? "; expected one of " + String.join(", ", known) : hint;
    }
}
