package io.pgconverge.load;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Group;
import io.pgconverge.model.Host;
import io.pgconverge.model.Inventory;
import io.pgconverge.model.InputException;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    private final HostResolver resolver = new HostResolver("operator", Path.of("/home/operator"));

    private Inventory load(String yaml, int fallbackVersion) throws IOException {
        Path file = dir.resolve("inventory.yml");
        Files.writeString(file, yaml);
        InventoryFile read = InventoryLoader.read(file);
        Diagnostics problems = new Diagnostics();
        Inventory inventory = read.inventory(fallbackVersion, Set.copyOf(read.hostNames()), resolver, problems);
        assertEquals(List.of(), problems.sorted());
        return inventory;
    }

    private Object var(Inventory inventory, String host, String name) {
        return inventory.hosts().get(host).vars().get(name);
    }

    @Test
    void hostVarsWinOverChildGroupsOverParentGroupsOverAll() throws IOException {
        Inventory inv = load("""
                all:
                  vars: { level: all, from_all: yes, pg_port: 5000 }
                  children:
                    datacenter:
                      vars: { level: datacenter, pg_port: 5100 }
                      children:
                        pg_main:
                          vars: { level: pg_main }
                          hosts:
                            node1: { level: host }
                            node2:
                  hosts:
                    lonely:
                """, 15);
        assertEquals("host", var(inv, "node1", "level"));
        assertEquals("pg_main", var(inv, "node2", "level"));
        assertEquals("all", var(inv, "lonely", "level"));
        assertEquals(true, var(inv, "node2", "from_all"));
        assertEquals(5100, inv.hosts().get("node2").pg().port());
        assertEquals(5000, inv.hosts().get("lonely").pg().port());
    }

    @Test
    void groupsListTheirChildrenAndEveryHostTheyHoldAndUngroupedHostsAreKnown() throws IOException {
        Inventory inv = load("""
                all:
                  hosts:
                    lonely:
                  children:
                    datacenter:
                      children:
                        pg_main:
                          hosts: { node1: , node2: }
                        pg_other:
                          hosts: { node3: }
                web:
                  hosts:
                    www1:
                """, 15);
        assertEquals(new Group("datacenter", List.of("pg_main", "pg_other"), List.of("node1", "node2", "node3")),
                inv.groups().get("datacenter"));
        assertEquals(List.of("www1"), inv.groups().get("web").hosts());
        assertEquals(List.of("lonely"), inv.groups().get("ungrouped").hosts());
        assertEquals(List.of("lonely", "node1", "node2", "node3", "www1"), inv.groups().get("all").hosts());
        assertEquals(List.of("datacenter", "web", "ungrouped"), inv.groups().get("all").children());
        assertEquals(List.of("lonely", "node1", "node2", "node3", "www1"), List.copyOf(inv.hosts().keySet()));
    }

    @Test
    void aHostInSeveralGroupsGetsTheVarsOfAllOfThemByDepthThenPriorityThenName() throws IOException {
        Inventory inv = load("""
                all:
                  children:
                    alpha:
                      vars: { a: alpha, b: alpha, c: alpha }
                      hosts: { node1: }
                    beta:
                      vars: { a: beta, b: beta }
                      hosts: { node1: { from_beta: 1 } }
                    zeta:
                      vars: { c: zeta, ansible_group_priority: 10 }
                      hosts: { node1: }
                    mid:
                      children:
                        deep:
                          vars: { a: deep }
                          hosts: { node1: }
                """, 15);
        assertEquals("deep", var(inv, "node1", "a"));
        assertEquals("beta", var(inv, "node1", "b"));
        assertEquals("zeta", var(inv, "node1", "c"));
        assertEquals(1L, var(inv, "node1", "from_beta"));
        assertEquals(List.of("node1"), inv.groups().get("alpha").hosts());
        assertEquals(List.of("node1"), inv.groups().get("mid").hosts());
    }

    @Test
    void aHostWithoutVarsGetsAnsibleAndDebianDefaults() throws IOException {
        Inventory inv = load("all:\n  hosts:\n    db.example.com:\n", 16);
        Host host = inv.hosts().get("db.example.com");
        assertEquals(new Host("db.example.com", "db.example.com", 22, "operator", Optional.empty(), Optional.empty(),
                false, ConnectionKind.SSH, new PgLayout(16, 5432, "/var/lib/postgresql/16/main",
                "/usr/lib/postgresql/16/bin", "/etc/postgresql/16/main", ServiceManager.PG_CTLCLUSTER, "/var/run/postgresql"),
                Map.of()), host);
    }

    @Test
    void defaultPathsOfOldVersionsUseTheirDottedVersion() throws IOException {
        Inventory inv = load("all:\n  hosts:\n    old: { pg_version: 9.6 }\n    fallback:\n", 905);
        assertEquals("/var/lib/postgresql/9.6/main", inv.hosts().get("old").pg().dataDir());
        assertEquals(906, inv.hosts().get("old").pg().version());
        assertEquals("/etc/postgresql/9.5/main", inv.hosts().get("fallback").pg().configDir());
    }

    @Test
    void theLabInventoryLoadsAsTheLabIsLaidOut() throws IOException {
        InventoryFile read = InventoryLoader.read(Path.of("src/test/resources/inventories/lab.yml"));
        Inventory inv = read.inventory(0, Set.of("node1", "node2", "node3"), resolver, new Diagnostics());
        assertEquals(List.of("node1", "node2", "node3"), inv.groups().get("pg_lab").hosts());
        Host node2 = inv.hosts().get("node2");
        assertEquals("127.0.0.12", node2.address());
        assertEquals(2222, node2.sshPort());
        assertEquals("postgres", node2.user());
        assertEquals(Optional.of("/tmp/pgconverge-lab/ssh/id_ed25519"), node2.privateKeyFile());
        assertEquals(Optional.of("/tmp/pgconverge-lab/known_hosts"), node2.knownHostsFile());
        assertEquals(new PgLayout(15, 5442, "/tmp/pgconverge-lab/node2/data", "/usr/lib/postgresql/15/bin",
                "/tmp/pgconverge-lab/node2/conf", ServiceManager.PG_CTL, "/tmp/pgconverge-lab/node2/run"), node2.pg());
    }

    @Test
    void connectionKindsAndSshOptionsAreUnderstood() throws IOException {
        Inventory inv = load("""
                all:
                  hosts:
                    a: { ansible_connection: paramiko, ansible_ssh_private_key_file: ~/.ssh/lab }
                    b: { ansible_connection: smart, ansible_ssh_host: 10.0.0.2, ansible_ssh_port: '2201', ansible_ssh_user: admin }
                    c: { ansible_connection: local }
                    d:
                      ansible_ssh_common_args: -o UserKnownHostsFile=~/lab/known_hosts -o StrictHostKeyChecking=accept-new
                    e:
                      ansible_ssh_extra_args: "-oUserKnownHostsFile='/etc/ssh/known hosts' -o StrictHostKeyChecking=yes"
                """, 15);
        Map<String, Host> h = inv.hosts();
        assertEquals(ConnectionKind.SSH, h.get("a").connection());
        assertEquals(Optional.of("/home/operator/.ssh/lab"), h.get("a").privateKeyFile());
        assertEquals(List.of("10.0.0.2", "2201", "admin"), List.of(h.get("b").address(),
                Integer.toString(h.get("b").sshPort()), h.get("b").user()));
        assertEquals(ConnectionKind.LOCAL, h.get("c").connection());
        assertEquals(Optional.of("/home/operator/lab/known_hosts"), h.get("d").knownHostsFile());
        assertTrue(h.get("d").acceptNewHostKeys());
        assertEquals(Optional.of("/etc/ssh/known"), h.get("e").knownHostsFile());
        assertEquals(false, h.get("e").acceptNewHostKeys());
    }

    @Test
    void foreignVariablesLoadWithoutComplaintAndAreKept() throws IOException {
        Inventory inv = load("""
                all:
                  vars:
                    ansible_become: yes
                    ansible_python_interpreter: /usr/bin/python3
                    app: { db: { port: 6432, replicas: [a, b] } }
                  hosts:
                    node1:
                      foo_bar: "{{ lookup('env', 'HOME') }}"
                      unset_thing:
                      vaulted: !vault |
                        $ANSIBLE_VAULT;1.1;AES256
                        6231
                      ratio: 0.5
                """, 15);
        Map<String, Object> vars = inv.hosts().get("node1").vars();
        assertEquals(true, vars.get("ansible_become"));
        assertEquals(Map.of("db", Map.of("port", 6432L, "replicas", List.of("a", "b"))), vars.get("app"));
        assertEquals("{{ lookup('env', 'HOME') }}", vars.get("foo_bar"));
        assertEquals("$ANSIBLE_VAULT;1.1;AES256\n6231\n", vars.get("vaulted"));
        assertEquals(0.5, vars.get("ratio"));
        assertTrue(!vars.containsKey("unset_thing"));
    }

    @Test
    void hostPatternsExpandRangesAndCarryPorts() throws IOException {
        Inventory inv = load("""
                all:
                  children:
                    pg:
                      hosts:
                        node[1:3]: { pg_port: 5441 }
                        db[08:10:2]:
                        rack-[a:b]:
                        edge.example.com:2201:
                """, 15);
        assertEquals(List.of("node1", "node2", "node3", "db08", "db10", "rack-a", "rack-b", "edge.example.com"),
                inv.groups().get("pg").hosts());
        assertEquals(2201, inv.hosts().get("edge.example.com").sshPort());
        assertEquals(5441, inv.hosts().get("node3").pg().port());
    }

    @Test
    void mergeKeysApplyAsInAnsible() throws IOException {
        Inventory inv = load("""
                all:
                  vars:
                    defaults: &defaults { ansible_user: deploy, pg_port: 5433 }
                  hosts:
                    node1: { <<: *defaults, pg_port: 5434 }
                """, 15);
        assertEquals("deploy", inv.hosts().get("node1").user());
        assertEquals(5434, inv.hosts().get("node1").pg().port());
    }

    @Test
    void problemsOfHostsOutsideTheClusterAreNotReported() throws IOException {
        Path file = dir.resolve("inventory.yml");
        Files.writeString(file, """
                all:
                  children:
                    windows:
                      hosts:
                        win1: { ansible_connection: winrm, ansible_host: "{{ win_ip }}", ansible_port: winrm }
                    pg:
                      hosts:
                        node1:
                """);
        InventoryFile read = InventoryLoader.read(file);
        Diagnostics outside = new Diagnostics();
        read.inventory(15, Set.of("node1"), resolver, outside);
        assertEquals(List.of(), outside.sorted());
        Diagnostics inside = new Diagnostics();
        read.inventory(15, Set.of("win1"), resolver, inside);
        assertEquals(List.of(
                file + ":5:37: ansible_connection must be one of ssh, paramiko, smart, local, found 'winrm'",
                file + ":5:58: ansible_host is a Jinja2 template, which pgconverge does not evaluate; write the value"
                        + " itself",
                file + ":5:88: ansible_port must be a port number from 1 to 65535, found 'winrm'"),
                inside.sorted().stream().map(Object::toString).toList());
    }

    @Test
    void structuralErrorsAreAllReportedAtOnce() throws IOException {
        Path file = dir.resolve("inventory.yml");
        Files.writeString(file, """
                all:
                  children:
                    a:
                      hosts: [node1]
                    b:
                      vars: [x]
                    c: 42
                """);
        InputException e = assertThrows(InputException.class, () -> InventoryLoader.read(file));
        assertEquals(3, e.diagnostics().size(), e.getMessage());
    }
}
