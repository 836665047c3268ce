package io.pgconverge.transport;

import io.pgconverge.facts.Fixtures;
import io.pgconverge.model.Become;
import io.pgconverge.model.BecomeMethod;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationsTest {
    private static final Secret PASSWORD = new Secret("s3cr3t-become");

    /** A node's sudo as a list of answers, recording every command line and input it was given. */
    private static final class FakeSudo implements CommandChannel {
        final List<String> commands = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        private final List<CommandResult> answers;

        FakeSudo(CommandResult... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public CommandResult exec(List<String> command, byte[] stdin, Duration timeout, Consumer<String> lines) {
            commands.add(String.join(" ", command));
            inputs.add(new String(stdin, StandardCharsets.UTF_8));
            return answers.remove(0);
        }
    }

    private static Host admin(boolean become, BecomeMethod method) {
        Host h = Fixtures.host("node1", "192.0.2.1", ConnectionKind.SSH, Fixtures.debian(15));
        return new Host(h.name(), h.address(), 22, "admin", Optional.empty(), Optional.empty(), false,
                ConnectionKind.SSH, h.pg(), Map.of(), new Become(become, "postgres", method, Optional.empty()));
    }

    private static CommandResult ok() {
        return new CommandResult(0, "", "");
    }

    private static CommandResult refused(String stderr) {
        return new CommandResult(1, "", stderr);
    }

    @Test
    void sudoWithoutPasswordIsProbedOnceAndRunsBashAsTheTarget() {
        Escalations e = Escalations.of(admin(true, BecomeMethod.SUDO), "admin", Optional.empty());
        FakeSudo sudo = new FakeSudo(ok(), ok());
        Escalation server = e.forRun(RunAs.SERVER_USER, sudo);
        assertEquals("sudo -n -u postgres -H bash -s", server.commandLine());
        assertEquals(0, server.preamble().length);
        assertEquals(server, e.forRun(RunAs.SERVER_USER, sudo));
        assertEquals("sudo -n -u root -H bash -s", e.forRun(RunAs.ROOT, sudo).commandLine());
        assertEquals(List.of("sudo -n -u postgres -H bash -s", "sudo -n -u root -H bash -s"), sudo.commands);
    }

    @Test
    void aPasswordGoesOnStandardInputBeforeTheScriptNeverOnTheCommandLine() {
        Escalations e = Escalations.of(admin(true, BecomeMethod.SUDO), "admin", Optional.of(PASSWORD));
        FakeSudo sudo = new FakeSudo(refused("sudo: a password is required\n"), ok());
        Escalation escalation = e.forRun(RunAs.ROOT, sudo);
        assertEquals("sudo -k -S -p '' -u root -H bash -s", escalation.commandLine());
        assertEquals("s3cr3t-become\nexit 0\n",
                new String(ScriptInput.of(escalation, "exit 0\n"), StandardCharsets.UTF_8));
        assertEquals("s3cr3t-become\n", sudo.inputs.get(1));
        sudo.commands.forEach(c -> assertFalse(c.contains("s3cr3t"), c));
        assertFalse(sudo.inputs.get(0).contains("s3cr3t"), "the first probe sends no password");
        assertFalse(escalation.toString().contains("s3cr3t"));
    }

    @Test
    void refusalsNameNodeUsersCommandAndCauseOnceWithoutThePassword() {
        Host host = admin(true, BecomeMethod.SUDO);
        assertRefused(host, Optional.empty(), "sudo asks for a password; set ansible_become_password",
                refused("sudo: a password is required\n"));
        assertRefused(host, Optional.of(PASSWORD), "the become password (ansible_become_password) is wrong",
                refused("sudo: a password is required\n"),
                refused("Sorry, try again.\nsudo: 1 incorrect password attempt\n"));
        assertRefused(host, Optional.empty(), "sudo requires a terminal (requiretty)",
                refused("sudo: sorry, you must have a tty to run sudo\n"));
        assertRefused(host, Optional.of(PASSWORD), "admin may not run bash as postgres through sudo",
                refused("sudo: a password is required\n"), refused("admin is not in the sudoers file.\n"));
        assertRefused(host, Optional.empty(), "sudo is not installed",
                new CommandResult(127, "", "bash: line 1: sudo: command not found\n"));
    }

    private static void assertRefused(Host host, Optional<Secret> password, String cause, CommandResult... answers) {
        Escalations e = Escalations.of(host, "admin", password);
        FakeSudo sudo = new FakeSudo(answers);
        TransportException first = assertThrows(TransportException.class, () -> e.forRun(RunAs.SERVER_USER, sudo));
        assertTrue(first.getMessage().startsWith("node1: sudo -"), first.getMessage());
        assertTrue(first.getMessage().contains(" as admin was refused: " + cause), first.getMessage());
        assertFalse(first.getMessage().contains("s3cr3t"), first.getMessage());
        int asked = sudo.commands.size();
        TransportException again = assertThrows(TransportException.class, () -> e.forRun(RunAs.SERVER_USER, sudo));
        assertEquals(first.getMessage(), again.getMessage());
        assertEquals(asked, sudo.commands.size(), "sudo is asked once per connection");
    }

    @Test
    void theLoginUserItselfNeedsNoEscalationAndWithoutBecomeNothingEscalates() {
        FakeSudo none = new FakeSudo();
        Escalations asPostgres = Escalations.of(admin(true, BecomeMethod.SUDO), "postgres", Optional.empty());
        assertEquals("bash -s", asPostgres.forRun(RunAs.SERVER_USER, none).commandLine());
        Escalations off = Escalations.of(admin(false, BecomeMethod.SUDO), "admin", Optional.empty());
        assertEquals("bash -s", off.forRun(RunAs.ROOT, none).commandLine());
        assertEquals("admin", off.target(RunAs.ROOT));
        assertEquals(List.of(), none.commands);
    }

    @Test
    void suWorksFromRootAndIsRefusedClearlyFromAnyoneElse() {
        FakeSudo none = new FakeSudo();
        Escalations fromRoot = Escalations.of(admin(true, BecomeMethod.SU), "root", Optional.empty());
        assertEquals("su -s /bin/bash -c 'bash -s' postgres", fromRoot.forRun(RunAs.SERVER_USER, none).commandLine());
        assertEquals("bash -s", fromRoot.forRun(RunAs.ROOT, none).commandLine());
        Escalations fromAdmin = Escalations.of(admin(true, BecomeMethod.SU), "admin", Optional.of(PASSWORD));
        TransportException e = assertThrows(TransportException.class, () -> fromAdmin.forRun(RunAs.ROOT, none));
        assertEquals("node1: ansible_become_method su from admin is not supported: su reads its password from a"
                + " terminal only; use ansible_become_method: sudo", e.getMessage());
    }

    /** A shell over the fake sudo: the script's own echo of the started marker stands in for bash. */
    private static class FakeShell extends EscalatingShell {
        final FakeSudo sudo;

        FakeShell(Escalations escalations, FakeSudo sudo) {
            super(escalations);
            this.sudo = sudo;
        }

        @Override
        CommandResult exec(List<String> commandLine, byte[] stdin, Duration timeout, Consumer<String> lines) {
            CommandResult r = sudo.exec(commandLine, stdin, timeout, lines);
            boolean marked = new String(stdin, StandardCharsets.UTF_8).contains("echo @@pgconverge-started\n");
            String out = (r.ok() && marked ? "@@pgconverge-started\n" : "") + r.stdout();
            out.lines().forEach(lines);
            return new CommandResult(r.exitCode(), out, r.stderr());
        }

        @Override
        public String host() {
            return "node1";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theFirstScriptIsItsOwnProbeWhenSudoNeedsNoPassword() {
        Escalations e = Escalations.of(admin(true, BecomeMethod.SUDO), "admin", Optional.empty());
        FakeShell shell = new FakeShell(e, new FakeSudo(new CommandResult(0, "facts\n", ""),
                new CommandResult(0, "more\n", "")));
        List<String> seen = new ArrayList<>();
        CommandResult first = shell.run(RunAs.SERVER_USER, "cat facts\n", Duration.ofSeconds(5), seen::add);
        assertEquals("facts\n", first.stdout());
        assertEquals(List.of("facts"), seen);
        assertEquals("more\n", shell.run("cat more\n", Duration.ofSeconds(5)).stdout());
        assertEquals(List.of("sudo -n -u postgres -H bash -s", "sudo -n -u postgres -H bash -s"), shell.sudo.commands);
        assertEquals("cat more\n", shell.sudo.inputs.get(1), "once known, no marker");
    }

    /** A login that prints a banner before the script: the script still counts as started, and runs once. */
    @Test
    void aBannerBeforeTheMarkerStillShowsTheScriptStarted() {
        Escalations e = Escalations.of(admin(true, BecomeMethod.SUDO), "admin", Optional.empty());
        FakeShell shell = new FakeShell(e, new FakeSudo(new CommandResult(0, "facts\n", ""))) {
            @Override
            CommandResult exec(List<String> commandLine, byte[] stdin, Duration timeout, Consumer<String> lines) {
                CommandResult r = super.exec(commandLine, stdin, timeout, line -> { });
                String out = "Welcome to node1\n" + r.stdout();
                out.lines().forEach(lines);
                return new CommandResult(r.exitCode(), out, r.stderr());
            }
        };
        List<String> seen = new ArrayList<>();
        CommandResult r = shell.run(RunAs.SERVER_USER, "cat facts\n", Duration.ofSeconds(5), seen::add);
        assertEquals("Welcome to node1\nfacts\n", r.stdout());
        assertEquals(List.of("Welcome to node1", "facts"), seen);
        assertEquals(1, shell.sudo.commands.size());
    }

    @Test
    void aFirstScriptRefusedBySudoRunsOnceWithThePasswordAfterTheProbe() {
        Escalations e = Escalations.of(admin(true, BecomeMethod.SUDO), "admin", Optional.of(PASSWORD));
        FakeShell shell = new FakeShell(e, new FakeSudo(refused("sudo: a password is required\n"), ok(),
                new CommandResult(0, "facts\n", "")));
        CommandResult r = shell.run(RunAs.ROOT, "cat facts\n", Duration.ofSeconds(5), line -> { });
        assertEquals("facts\n", r.stdout());
        assertEquals(List.of("sudo -n -u root -H bash -s", "sudo -k -S -p  -u root -H bash -s",
                "sudo -k -S -p  -u root -H bash -s"), shell.sudo.commands);
        assertEquals("s3cr3t-become\ncat facts\n", shell.sudo.inputs.get(2));
        Escalations without = Escalations.of(admin(true, BecomeMethod.SUDO), "admin", Optional.empty());
        FakeShell refusing = new FakeShell(without, new FakeSudo(refused("sudo: a password is required\n")));
        TransportException t = assertThrows(TransportException.class,
                () -> refusing.run(RunAs.ROOT, "cat facts\n", Duration.ofSeconds(5), line -> { }));
        assertTrue(t.getMessage().contains("sudo asks for a password"), t.getMessage());
        assertThrows(TransportException.class, () -> refusing.checkRunAs(RunAs.ROOT));
        assertEquals(1, refusing.sudo.commands.size(), "the refusal is kept, sudo not asked again");
    }
}
