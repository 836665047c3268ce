package io.pgconverge.load;

import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.Host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses an hba that would lock the engine out once applied. pg_hba.conf is read top down and the first
 * rule that matches a connection decides, so each check finds that first rule:
 * <ul>
 *   <li>the engine's own session: local socket, role postgres, database postgres; it needs peer or trust, or
 *       a password method when the playbook gives role postgres a password;</li>
 *   <li>with replication: every host of the cluster connecting over TCP as the replication user to the
 *       pseudo-database replication, with trust or a password method and a password for that role.</li>
 * </ul>
 */
final class EngineAccessCheck {
    static final String ADMIN = "postgres";
    private static final Set<String> PASSWORD_METHODS = Set.of("scram-sha-256", "md5", "password");

    private EngineAccessCheck() {
    }

    static void check(DesiredState desired, List<Host> members, Diagnostics problems) {
        checkAdmin(desired, problems);
        desired.replication().filter(r -> !r.user().isEmpty())
                .ifPresent(r -> checkReplication(desired, r.user(), members, problems));
    }

    private static void checkAdmin(DesiredState desired, Diagnostics problems) {
        boolean password = hasPassword(desired, ADMIN);
        List<HbaRule> rules = desired.hba();
        for (int i = 0; i < rules.size(); i++) {
            HbaRule rule = rules.get(i);
            if (rule.type().equals("local") && databaseMatches(rule.database(), ADMIN, ADMIN, false)
                    && userMatches(rule.user(), ADMIN)) {
                String method = rule.method();
                if (method.equals("peer") || method.equals("trust") || method.equals("ident")) {
                    return;
                }
                if (PASSWORD_METHODS.contains(method) && password) {
                    return;
                }
                problems.add(desired.markOf("hba[" + i + "]"), "this rule would lock the engine out: it is the first"
                        + " to match the engine's local connection as postgres, and "
                        + (PASSWORD_METHODS.contains(method) ? "role postgres has no password in the playbook"
                        : "the engine cannot log in with " + method)
                        + "; put { type: local, database: all, user: postgres, method: peer } before it");
                return;
            }
        }
        problems.add(desired.markOf("hba"), "no hba rule lets the engine in: add { type: local, database: all,"
                + " user: postgres, method: peer } as the first rule (or a password method with a password for"
                + " role postgres)");
    }

    /** Why a replication connection is refused: the first matching rule (-1: none) and its method. */
    private record Refusal(int rule, String method) {
    }

    private static void checkReplication(DesiredState desired, String user, List<Host> members,
                                         Diagnostics problems) {
        boolean password = hasPassword(desired, user);
        Map<Refusal, List<Host>> refused = new LinkedHashMap<>();
        for (Host host : members) {
            decide(desired.hba(), user, host.address(), password)
                    .ifPresent(r -> refused.computeIfAbsent(r, k -> new ArrayList<>()).add(host));
        }
        refused.forEach((refusal, hosts) -> {
            String from = hosts.stream().map(h -> h.name() + " (" + h.address() + ")").collect(Collectors.joining(", "));
            String rule = "hba[" + refusal.rule() + "]";
            if (refusal.rule() < 0) {
                problems.add(desired.markOf("hba"), "no hba rule lets replication user " + user + " connect to"
                        + " database replication from " + from + "; add a rule such as { type: host, database:"
                        + " replication, user: " + user + ", address: " + cidrOf(hosts.get(0).address())
                        + ", method: scram-sha-256 }");
            } else if (refusal.method().equals("reject")) {
                problems.add(desired.markOf(rule), rule + " rejects replication user " + user + " connecting from "
                        + from + "; put a rule that lets it in before this one");
            } else if (PASSWORD_METHODS.contains(refusal.method())) {
                problems.add(desired.markOf(rule), rule + " asks replication user " + user + " for a password, and"
                        + " role " + user + " has none in the playbook; give it password: { env: NAME }");
            } else {
                problems.add(desired.markOf(rule), rule + " lets replication user " + user + " in only with "
                        + refusal.method() + ", which the engine's standbys cannot use; use scram-sha-256");
            }
        });
    }

    /** Empty when the first rule matching a replication connection from client lets it in. */
    private static Optional<Refusal> decide(List<HbaRule> rules, String user, String client, boolean password) {
        for (int i = 0; i < rules.size(); i++) {
            HbaRule rule = rules.get(i);
            if (!rule.type().startsWith("host") || rule.type().endsWith("gssenc")
                    || !databaseMatches(rule.database(), "replication", user, true) || !userMatches(rule.user(), user)) {
                continue;
            }
            HbaAddress.Match match = rule.address().map(a -> HbaAddress.parse(a).matches(client))
                    .orElse(HbaAddress.Match.NO);
            if (match == HbaAddress.Match.NO || match == HbaAddress.Match.MAYBE && rule.method().equals("reject")) {
                continue;
            }
            if (rule.method().equals("trust") || PASSWORD_METHODS.contains(rule.method()) && password) {
                return Optional.empty();
            }
            return Optional.of(new Refusal(i, rule.method()));
        }
        return Optional.of(new Refusal(-1, ""));
    }

    private static String cidrOf(String address) {
        return IpLiterals.v4(address).isPresent() ? address + "/32" : address.contains(":") ? address + "/128" : address;
    }

    private static boolean hasPassword(DesiredState desired, String role) {
        return desired.roles().stream().anyMatch(r -> r.name().equals(role) && r.password().isPresent());
    }

    /** pg_hba's database column: a replication connection matches only the keyword replication. */
    static boolean databaseMatches(String column, String database, String user, boolean replication) {
        for (String item : column.split(",")) {
            String d = item.strip();
            boolean quoted = d.length() > 1 && d.startsWith("\"") && d.endsWith("\"");
            String name = quoted ? d.substring(1, d.length() - 1) : d;
            if (replication ? !quoted && d.equals("replication")
                    : quoted ? name.equals(database)
                    : d.equals("all") || d.equals(database) || (d.equals("sameuser") || d.equals("samerole")
                    || d.equals("samegroup")) && database.equals(user)) {
                return true;
            }
        }
        return false;
    }

    /** pg_hba's user column; +role matches members of role, and a role counts as its own member. */
    static boolean userMatches(String column, String user) {
        for (String item : column.split(",")) {
            String u = item.strip();
            if (u.length() > 1 && u.startsWith("\"") && u.endsWith("\"")) {
                u = u.substring(1, u.length() - 1);
            } else if (u.equals("all") || u.equals("+" + user)) {
                return true;
            }
            if (u.equals(user)) {
                return true;
            }
        }
        return false;
    }
}
