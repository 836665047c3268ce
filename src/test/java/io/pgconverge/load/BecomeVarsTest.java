package io.pgconverge.load;

import io.pgconverge.model.Become;
import io.pgconverge.model.BecomeMethod;
import io.pgconverge.model.Host;
import io.pgconverge.model.Mark;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.SecretRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BecomeVarsTest {
    @TempDir
    Path dir;

    private final HostResolver resolver = new HostResolver("operator", Path.of("/home/operator"));

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("inventory.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> problems(Path file) {
        Diagnostics problems = new Diagnostics();
        InventoryFile read = InventoryLoader.read(file);
        read.inventory(15, Set.copyOf(read.hostNames()), resolver, problems);
        return problems.sorted().stream().map(Object::toString).toList();
    }

    private Host host(Path file, String name) {
        Diagnostics problems = new Diagnostics();
        InventoryFile read = InventoryLoader.read(file);
        Host host = read.inventory(15, Set.copyOf(read.hostNames()), resolver, problems).hosts().get(name);
        assertEquals(List.of(), problems.sorted());
        return host;
    }

    @Test
    void groupVarsTurnBecomeOnAndHostVarsOverrideThem() throws IOException {
        Path file = write("""
                all:
                  children:
                    pg:
                      vars:
                        ansible_user: admin
                        ansible_become: yes
                        ansible_become_password: { env: PGC_BECOME_PASSWORD }
                      hosts:
                        node1:
                        node2: { ansible_become_user: pgsql, ansible_become_method: SU }
                        node3: { ansible_become: false }
                """);
        Host node1 = host(file, "node1");
        assertEquals(new Become(true, "postgres", BecomeMethod.SUDO, Optional.of(new Become.Password(
                new SecretRef.Env("PGC_BECOME_PASSWORD"), new Mark(file.toString(), 7, 34)))), node1.become());
        assertEquals("root", node1.userFor(RunAs.ROOT));
        assertEquals("postgres", node1.serverUser());
        Host node2 = host(file, "node2");
        assertEquals(BecomeMethod.SU, node2.become().method());
        assertEquals("pgsql", node2.serverUser());
        Host node3 = host(file, "node3");
        assertFalse(node3.become().enabled());
        assertEquals("admin", node3.userFor(RunAs.ROOT));
        assertEquals("admin", node3.serverUser());
    }

    @Test
    void withoutBecomeVarsEveryCommandRunsAsTheLoginUser() throws IOException {
        Host host = host(write("all:\n  hosts:\n    node1: { ansible_user: postgres }\n"), "node1");
        assertEquals(Become.none(), host.become());
        assertEquals("postgres", host.userFor(RunAs.ROOT));
    }

    @Test
    void aFilePasswordReferenceIsKept() throws IOException {
        Host host = host(write("all:\n  hosts:\n    node1: { ansible_become: true,"
                + " ansible_become_password: { file: ~/.pgconverge/become.pw } }\n"), "node1");
        assertEquals(Optional.of(new SecretRef.File("~/.pgconverge/become.pw")),
                host.become().password().map(Become.Password::ref));
    }

    @Test
    void badBecomeVarsAreReportedWhereTheyAreWrittenWithoutRepeatingAPassword() throws IOException {
        Path file = write("""
                all:
                  hosts:
                    node1: { ansible_become: maybe, ansible_become_method: runas }
                    node2: { ansible_become: true, ansible_become_password: hunter2 }
                    node3: { ansible_become: true, ansible_become_password: { vault: x } }
                """);
        List<String> problems = problems(file);
        assertEquals(List.of(
                file + ":3:30: ansible_become must be true or false, found 'maybe'",
                file + ":3:60: ansible_become_method must be one of sudo, su, found 'runas'",
                file + ":4:61: ansible_become_password is a literal password, which an inventory must not hold;"
                        + " write a reference instead: { env: PGC_BECOME_PASSWORD }, { file: ~/.pgconverge/become.pw } or an"
                        + " ansible-vault value (!vault |)",
                file + ":5:61: ansible_become_password needs exactly one of env (an environment variable's name) or"
                        + " file (a path); write { env: PGC_BECOME_PASSWORD }, { file: ~/.pgconverge/become.pw } or an"
                        + " ansible-vault value (!vault |)"),
                problems);
        assertFalse(String.join("\n", problems).contains("hunter2"));
    }
}
