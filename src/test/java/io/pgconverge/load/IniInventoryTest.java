package io.pgconverge.load;

import io.pgconverge.model.Inventory;
import io.pgconverge.model.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** INI inventories as Ansible's ini plugin reads them, and group_vars/ and host_vars/ beside them. */
class IniInventoryTest {
    @TempDir
    Path dir;

    private final HostResolver resolver = new HostResolver("operator", Path.of("/home/operator"));

    private Inventory load(Path file, VarsDirectories dirs) {
        InventoryFile read = InventoryLoader.read(file, dirs);
        Diagnostics problems = new Diagnostics();
        Inventory inventory = read.inventory(15, Set.copyOf(read.hostNames()), resolver, problems);
        assertEquals(List.of(), problems.sorted());
        return inventory;
    }

    private Inventory ini(String text) throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, text);
        return load(file, VarsDirectories.none());
    }

    private static Object var(Inventory inventory, String host, String name) {
        return inventory.hosts().get(host).vars().get(name);
    }

    @Test
    void groupsChildrenVarsAndInlineHostVarsFollowAnsiblesPrecedence() throws IOException {
        Inventory inv = ini("""
                # a comment
                lonely ansible_host=10.0.0.9

                [pg_main]
                node1 ansible_host=192.168.56.111 level=host   # a comment after a host
                node2 ansible_host=192.168.56.112

                [datacenter:children]
                pg_main

                [datacenter:vars]
                level=datacenter
                pg_port=5100

                [pg_main:vars]
                level=pg_main

                [all:vars]
                level=all
                from_all=True
                """);
        assertEquals("host", var(inv, "node1", "level"));
        assertEquals("pg_main", var(inv, "node2", "level"));
        assertEquals("all", var(inv, "lonely", "level"));
        assertEquals(true, var(inv, "node2", "from_all"));
        assertEquals(5100, inv.hosts().get("node2").pg().port());
        assertEquals("192.168.56.111", inv.hosts().get("node1").address());
        assertEquals(List.of("node1", "node2"), inv.groups().get("datacenter").hosts());
        assertEquals(List.of("lonely"), inv.groups().get("ungrouped").hosts());
    }

    @Test
    void rangesPortsQuotingAndPythonLiteralsAreReadAsAnsibleReadsThem() throws IOException {
        Inventory inv = ini("""
                [db]
                db[01:03].example.com pg_version=16
                jump:2222 note="two words" path='/opt/my dir' escaped=a\\ b count='7' #trailing comment

                [db:vars]
                quoted="still a string"
                number=42
                """);
        assertEquals(Set.of("db01.example.com", "db02.example.com", "db03.example.com", "jump"),
                inv.hosts().keySet());
        assertEquals(16, inv.hosts().get("db02.example.com").pg().version());
        assertEquals(2222, inv.hosts().get("jump").sshPort());
        assertEquals("two words", var(inv, "jump", "note"));
        assertEquals("/opt/my dir", var(inv, "jump", "path"));
        assertEquals("a b", var(inv, "jump", "escaped"));
        assertEquals(7L, var(inv, "jump", "count"));
        assertEquals("still a string", var(inv, "jump", "quoted"));
        assertEquals(42L, var(inv, "jump", "number"));
    }

    @Test
    void problemsAreReportedAtTheirLineAndColumnAllAtOnce() throws IOException {
        Path file = dir.resolve("hosts.ini");
        Files.writeString(file, """
                [pg_main]
                node1 ansible_host="unclosed
                node2 stray

                [pg_main:hostvars]
                x=1

                [pg_main:vars]
                novalue
                """);
        InputException e = assertThrows(InputException.class, () -> load(file, VarsDirectories.none()));
        assertEquals(List.of(
                file + ":2:7: a double quote is not closed on this line",
                file + ":3:7: expected key=value after host 'node2', found 'stray'",
                file + ":5:1: section [pg_main:hostvars] has the unknown type 'hostvars'; Ansible knows [group],"
                        + " [group:vars] and [group:children]",
                file + ":9:1: expected key=value in [pg_main:vars], found 'novalue'"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void aSemicolonAfterAHostIsNotAComment() throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "[pg_main]\nnode1 ; note\n");
        InputException e = assertThrows(InputException.class, () -> load(file, VarsDirectories.none()));
        assertEquals(file + ":2:7: expected key=value after host 'node1', found ';'",
                e.diagnostics().get(0).toString(), "Ansible reads only # as a comment on a host line");
    }

    @Test
    void aLoopOfGroupsIsRefused() throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "[a:children]\nb\n[b:children]\na\n");
        InputException e = assertThrows(InputException.class, () -> load(file, VarsDirectories.none()));
        assertEquals(List.of(file + ":4:1: group 'a' inside group 'b' makes a loop of groups"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void groupVarsAndHostVarsBesideInventoryAndPlaybookApplyInAnsiblesOrder() throws IOException {
        Path inventoryDir = Files.createDirectories(dir.resolve("inventory"));
        Path playbookDir = Files.createDirectories(dir.resolve("site"));
        Path file = inventoryDir.resolve("hosts");
        Files.writeString(file, """
                [pg_main]
                node1 from_line=line
                node2

                [pg_main:vars]
                a=inventory-file-group
                b=inventory-file-group
                """);
        write(inventoryDir.resolve("group_vars/all.yml"), "a: inv-all\nb: inv-all\nc: inv-all\nd: inv-all\n");
        write(playbookDir.resolve("group_vars/all.yaml"), "c: pb-all\n");
        write(inventoryDir.resolve("group_vars/pg_main/10-main.yml"), "b: inv-group\nd: inv-group\n");
        write(inventoryDir.resolve("group_vars/pg_main/20-more.json"), "{\"e\": \"inv-group-json\"}\n");
        write(playbookDir.resolve("group_vars/pg_main"), "d: pb-group\n");
        write(inventoryDir.resolve("host_vars/node1.yml"), "from_line: inv-host\nf: inv-host\n");
        write(playbookDir.resolve("host_vars/node1.yml"), "f: pb-host\n");
        Inventory inv = load(file, VarsDirectories.of(file, playbookDir.resolve("site.yml")));
        assertEquals("inv-all", var(inv, "node1", "a"), "group_vars/all beats the inventory file's group vars");
        assertEquals("inv-group", var(inv, "node1", "b"));
        assertEquals("pb-all", var(inv, "node1", "c"));
        assertEquals("pb-group", var(inv, "node1", "d"));
        assertEquals("inv-group-json", var(inv, "node2", "e"));
        assertEquals("inv-host", var(inv, "node1", "from_line"));
        assertEquals("pb-host", var(inv, "node1", "f"));
        assertEquals(null, var(inv, "node2", "f"));
    }

    @Test
    void aBrokenVarsFileIsReportedWithItsPosition() throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "[pg_main]\nnode1\n");
        Path vars = write(dir.resolve("group_vars/pg_main.yml"), "- a list\n");
        InputException e = assertThrows(InputException.class,
                () -> load(file, VarsDirectories.of(file, dir.resolve("site.yml"))));
        assertEquals(List.of(vars + ":1:1: expected a mapping of variables at the top level, found a list"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
