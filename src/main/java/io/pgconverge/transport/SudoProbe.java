package io.pgconverge.transport;

import io.pgconverge.model.Secret;
import io.pgconverge.model.Timings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds, once per connection and user, how sudo lets the login user run bash as the target: without a password
 * ({@code sudo -n}), or with the become password on standard input. Every refusal is one sentence naming the
 * node, both users, the command and what to do; it never contains the password.
 */
final class SudoProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] PROBE = "exit 0\n".getBytes(StandardCharsets.UTF_8);

    private final String host;
    private final String login;
    private final Optional<Secret> password;

    SudoProbe(String host, String login, Optional<Secret> password) {
        this.host = host;
        this.login = login;
        this.password = password;
    }

    SudoEscalation establish(String target, CommandChannel channel) {
        try (Timings.Span span = Timings.span(host + ": sudo probe for " + target)) {
            return probe(target, channel);
        }
    }

    /**
     * Goes on from {@code sudo -n} having refused to start a script ({@code refusal}, what it printed), as the probe
     * does from its own refusal: with the password, or a refusal that says why.
     */
    SudoEscalation establishAfter(String target, CommandResult refusal, CommandChannel channel) {
        try (Timings.Span span = Timings.span(host + ": sudo probe for " + target + " after sudo -n refused")) {
            return afterRefusal(SudoEscalation.withoutPassword(target), refusal, channel);
        }
    }

    private SudoEscalation probe(String target, CommandChannel channel) {
        SudoEscalation plain = SudoEscalation.withoutPassword(target);
        CommandResult r = channel.exec(plain.command(), PROBE, TIMEOUT, line -> { });
        if (r.ok()) {
            return plain;
        }
        return afterRefusal(plain, r, channel);
    }

    private SudoEscalation afterRefusal(SudoEscalation plain, CommandResult r, CommandChannel channel) {
        String target = plain.target();
        if (!needsPassword(r)) {
            throw refused(plain, r);
        }
        if (password.isEmpty()) {
            throw new EscalationRefused(host + ": " + plain.commandLine() + " as " + login
                    + " was refused: sudo asks for a password; set ansible_become_password to a secret reference"
                    + " ({ env: NAME } or { file: PATH }) or give " + login + " NOPASSWD rights");
        }
        SudoEscalation withPassword = SudoEscalation.withPassword(target, password.get());
        CommandResult p = channel.exec(withPassword.command(), withPassword.preamble(), TIMEOUT, line -> { });
        if (!p.ok()) {
            throw refused(withPassword, p);
        }
        return withPassword;
    }

    private static boolean needsPassword(CommandResult r) {
        return r.stderr().toLowerCase(Locale.ROOT).contains("password is required");
    }

    private TransportException refused(SudoEscalation sudo, CommandResult r) {
        String err = r.stderr().toLowerCase(Locale.ROOT);
        String cause;
        if (err.contains("incorrect password") || err.contains("try again") || err.contains("no password was provided")) {
            cause = "the become password (ansible_become_password) is wrong";
        } else if (err.contains("tty") || err.contains("terminal is required")) {
            cause = "sudo requires a terminal (requiretty); remove requiretty for " + login + " in sudoers";
        } else if (err.contains("sudoers") || err.contains("not allowed") || err.contains("may not run sudo")) {
            cause = login + " may not run bash as " + sudo.target() + " through sudo; grant it in sudoers";
        } else if (r.exitCode() == 127 || err.contains("command not found")) {
            cause = "sudo is not installed";
        } else {
            cause = "exit status " + r.exitCode() + ": " + firstLine(r.stderr());
        }
        return new EscalationRefused(host + ": " + sudo.commandLine() + " as " + login + " was refused: " + cause);
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no message");
    }
}
