package io.pgconverge.transport;

import io.pgconverge.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code ansible_become_method: sudo}. Without a password: {@code sudo -n -u USER -H bash -s}, which fails at once
 * rather than wait for a prompt. With one: {@code sudo -k -S -p '' -u USER -H bash -s} and the password as the first
 * line of standard input; sudo reads it byte by byte and leaves the rest, the script, for bash.
 */
public final class SudoEscalation implements Escalation {
    private final String target;
    private final Optional<Secret> password;

    private SudoEscalation(String target, Optional<Secret> password) {
        this.target = target;
        this.password = password;
    }

    public static SudoEscalation withoutPassword(String target) {
        return new SudoEscalation(target, Optional.empty());
    }

    public static SudoEscalation withPassword(String target, Secret password) {
        return new SudoEscalation(target, Optional.of(password));
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public List<String> command() {
        return password.isPresent()
                ? List.of("sudo", "-k", "-S", "-p", "", "-u", target, "-H", "bash", "-s")
                : List.of("sudo", "-n", "-u", target, "-H", "bash", "-s");
    }

    @Override
    public byte[] preamble() {
        return password.map(p -> (p.reveal() + "\n").getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
