package io.pgconverge.transport;

import io.pgconverge.model.BecomeMethod;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.Secret;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The escalations of one connection: for each {@link RunAs}, how a script becomes its user's, established on first
 * use (sudo is probed once) and kept for the connection. A refusal is kept too, so it is reported once per use
 * without asking sudo again.
 */
public final class Escalations {
    private final String login;
    private final Map<RunAs, String> targets = new EnumMap<>(RunAs.class);
    private final Switcher switcher;
    private final Map<RunAs, Escalation> established = new EnumMap<>(RunAs.class);
    private final Map<RunAs, EscalationRefused> refused = new EnumMap<>(RunAs.class);

    /** How the login user becomes another one. */
    @FunctionalInterface
    interface Switcher {
        Escalation to(String target, CommandChannel channel);

        /** The escalation worth trying before any probe, for a switcher that can tell a refusal apart; else none. */
        default Optional<Escalation> untried(String target) {
            return Optional.empty();
        }

        /** Goes on from the untried escalation having refused to start a script ({@code refusal}). */
        default Escalation after(String target, CommandResult refusal, CommandChannel channel) {
            return to(target, channel);
        }
    }

    private Escalations(String login, Map<RunAs, String> targets, Switcher switcher) {
        this.login = login;
        this.targets.putAll(targets);
        this.switcher = switcher;
    }

    /**
     * For a connection logged in as {@code login}: over SSH the inventory's ansible_user; locally the user the
     * engine runs as. Without ansible_become every script runs as the inventory's user (locally through runuser).
     */
    public static Escalations of(Host host, String login, Optional<Secret> becomePassword) {
        Map<RunAs, String> targets = new EnumMap<>(RunAs.class);
        for (RunAs r : RunAs.values()) {
            targets.put(r, host.become().enabled() ? host.userFor(r) : host.user());
        }
        return new Escalations(login, targets, switcher(host, login, becomePassword));
    }

    /** A local connection without become: every script runs as {@code user}, through runuser when it is not the login. */
    public static Escalations localAs(String host, String login, String user) {
        Map<RunAs, String> targets = new EnumMap<>(RunAs.class);
        for (RunAs r : RunAs.values()) {
            targets.put(r, user == null || user.isEmpty() ? login : user);
        }
        return new Escalations(login, targets, (t, c) -> runuser(host, login, t));
    }

    private static Switcher switcher(Host host, String login, Optional<Secret> password) {
        if (!host.become().enabled()) {
            return host.connection() == ConnectionKind.LOCAL ? (t, c) -> runuser(host.name(), login, t)
                    : (t, c) -> new NoEscalation(t);
        }
        if (host.become().method() == BecomeMethod.SU) {
            return (t, c) -> su(host.name(), login, t);
        }
        SudoProbe probe = new SudoProbe(host.name(), login, password);
        return new Switcher() {
            @Override
            public Escalation to(String target, CommandChannel channel) {
                return probe.establish(target, channel);
            }

            @Override
            public Optional<Escalation> untried(String target) {
                return Optional.of(SudoEscalation.withoutPassword(target));
            }

            @Override
            public Escalation after(String target, CommandResult refusal, CommandChannel channel) {
                return probe.establishAfter(target, refusal, channel);
            }
        };
    }

    /** The escalation of scripts that run as {@code who}; probes on first use. */
    public synchronized Escalation forRun(RunAs who, CommandChannel channel) {
        if (refused.containsKey(who)) {
            throw refused.get(who);
        }
        Escalation known = established.get(who);
        if (known != null) {
            return known;
        }
        String target = targets.get(who);
        try {
            Escalation e = target.equals(login) ? new NoEscalation(target) : switcher.to(target, channel);
            established.put(who, e);
            return e;
        } catch (EscalationRefused e) {
            refused.put(who, e);
            throw e;
        }
    }

    /**
     * The escalation to run a script with before anything is known of {@code who} ({@code sudo -n}), sparing the
     * probe's round trip when it works; empty when it is known, refused, or there is nothing to try.
     */
    public synchronized Optional<Escalation> untried(RunAs who) {
        String target = targets.get(who);
        if (established.containsKey(who) || refused.containsKey(who) || target.equals(login)) {
            return Optional.empty();
        }
        return switcher.untried(target);
    }

    /** The untried escalation started a script: it is the one for {@code who} on this connection. */
    public synchronized void started(RunAs who, Escalation escalation) {
        established.putIfAbsent(who, escalation);
    }

    /**
     * The untried escalation refused to start a script ({@code refusal}: what it printed): establishes the
     * escalation from there, or keeps and throws the refusal, as {@link #forRun} would.
     */
    public synchronized Escalation afterRefusal(RunAs who, CommandResult refusal, CommandChannel channel) {
        if (refused.containsKey(who)) {
            throw refused.get(who);
        }
        Escalation known = established.get(who);
        if (known != null) {
            return known;
        }
        try {
            Escalation e = switcher.after(targets.get(who), refusal, channel);
            established.put(who, e);
            return e;
        } catch (EscalationRefused e) {
            refused.put(who, e);
            throw e;
        }
    }

    /** The user scripts of this kind run as. */
    public String target(RunAs who) {
        return targets.get(who);
    }

    private static Escalation runuser(String host, String login, String target) {
        if (!"root".equals(login)) {
            throw new EscalationRefused(host + ": cannot run commands as " + target + " from " + login
                    + " with a local connection; run as root or as " + target + ", or set ansible_become");
        }
        return new RunuserEscalation(target);
    }

    private static Escalation su(String host, String login, String target) {
        if (!"root".equals(login)) {
            throw new EscalationRefused(host + ": ansible_become_method su from " + login + " is not supported:"
                    + " su reads its password from a terminal only; use ansible_become_method: sudo");
        }
        return new SuEscalation(target);
    }
}
