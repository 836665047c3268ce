package io.pgconverge.load;

import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values and files encrypted by the real ansible-vault: fixtures made by ansible-vault 2.14 (src/test/resources/vault)
 * and, made afresh by the ansible-vault installed on this machine (scripts/install-deps), a file and a string.
 */
class AnsibleVaultTest {
    private static final Path FIXTURES = Path.of("src/test/resources/vault");
    private static final Mark HERE = Mark.of("test");

    @TempDir
    Path dir;

    private static VaultKeys.Key key(String id, String file) {
        return VaultPasswordFile.read(id + "@" + FIXTURES.resolve(file));
    }

    @Test
    void opensAWholeFileOfFormat11AndOneOfFormat12WithItsVaultId() throws IOException {
        VaultKeys keys = new VaultKeys(List.of(key("default", "default.pw"), key("prod", "prod.pw")));
        String expected = "vault_repl_password: s3cret-repl\nvault_umlauts: \"pässwörd\"\n";
        assertEquals(expected, keys.open(Files.readString(FIXTURES.resolve("group_vars_all.yml")), HERE, "f"));
        String v12 = Files.readString(FIXTURES.resolve("group_vars_prod.yml"));
        assertTrue(v12.startsWith("$ANSIBLE_VAULT;1.2;AES256;prod"));
        assertEquals(Set.of("prod"), Set.of(AnsibleVault.parse(v12).orElseThrow().vaultId().orElseThrow()));
        assertEquals(expected, keys.open(v12, HERE, "f"));
    }

    @Test
    void aWrongOrMissingPasswordIsOneClearErrorThatNeverShowsTheText() throws IOException {
        String text = Files.readString(FIXTURES.resolve("group_vars_prod.yml"));
        InputException wrong = assertThrows(InputException.class, () -> new VaultKeys(List.of(key("default",
                "default.pw"))).open(text, HERE, "group_vars/prod.yml"));
        assertEquals("test: group_vars/prod.yml is encrypted with ansible-vault (vault id prod) and no vault password"
                + " given opens it", wrong.getMessage());
        InputException none = assertThrows(InputException.class, () -> VaultKeys.none().open(text, HERE, "x"));
        assertTrue(none.getMessage().contains("--vault-password-file FILE or --ask-vault-pass"));
        assertFalse(AnsibleVault.parse(text).orElseThrow().open(new Secret("correct horse")).isPresent());
    }

    @Test
    void anInlineVaultValueInAPlaybookIsASecretReferenceResolvedInMemory() throws IOException {
        Path playbook = dir.resolve("site.yml");
        String inline = Files.readString(FIXTURES.resolve("inline.yml"));
        String value = inline.substring(inline.indexOf("!vault"));
        Files.writeString(playbook, "password: " + value);
        YamlDocument doc = YamlReader.read(playbook, "keys");
        SecretRef ref = SecretRefReader.vault(doc.root().getValue().get(0).getValueNode()).orElseThrow();
        assertEquals("vault", ref.toString());
        SecretResolver resolver = new SecretResolver(Map.of(), dir, new VaultKeys(List.of(key("default",
                "default.pw"))));
        assertEquals("inline-secret", resolver.resolve(ref, HERE).reveal());
    }

    @Test
    void aSecretFileEncryptedWholeIsOpened() throws IOException {
        Path file = dir.resolve("repl.pw");
        Files.writeString(file, "repl-from-file\n");
        ansibleVault("encrypt", "--vault-password-file", FIXTURES.resolve("default.pw").toAbsolutePath().toString(),
                file.toString());
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.1;AES256"));
        SecretResolver resolver = new SecretResolver(Map.of(), dir, new VaultKeys(List.of(key("default",
                "default.pw"))));
        assertEquals("repl-from-file", resolver.resolve(new SecretRef.File(file.toString()), HERE).reveal());
    }

    @Test
    void aVaultedGroupVarsFileMadeNowByAnsibleVaultFeedsTheInventory() throws IOException {
        Path inventory = dir.resolve("hosts");
        Files.writeString(inventory, "[pg_main]\nnode1\n");
        Path vars = Files.createDirectories(dir.resolve("group_vars/all")).resolve("vault.yml");
        Files.writeString(vars, "vault_secret: from-the-vault\n");
        ansibleVault("encrypt", "--vault-id", "prod@" + FIXTURES.resolve("prod.pw").toAbsolutePath(), vars.toString());
        VarsDirectories dirs = VarsDirectories.of(inventory, dir.resolve("site.yml"))
                .opening(new VaultKeys(List.of(key("prod", "prod.pw"))));
        InventoryFile read = InventoryLoader.read(inventory, dirs);
        assertEquals("from-the-vault", read.var("node1", "vault_secret").orElseThrow().text().orElseThrow());
        InputException locked = assertThrows(InputException.class, () -> InventoryLoader.read(inventory,
                VarsDirectories.of(inventory, dir.resolve("site.yml"))));
        assertTrue(locked.getMessage().startsWith(vars + ": " + vars + " is encrypted with ansible-vault"));
    }

    @Test
    void aBecomePasswordInAVaultedVarsFileOrNamedFromOneIsASecretOpenedOnlyInMemory() throws IOException {
        Path inventory = dir.resolve("hosts");
        Files.writeString(inventory, "[pg_main]\nnode1\nnode2\n");
        Path all = Files.createDirectories(dir.resolve("group_vars/all"));
        Files.writeString(all.resolve("vars.yml"), "ansible_become: true\n"
                + "ansible_become_password: \"{{ vault_become_password }}\"\n");
        Path vault = all.resolve("vault.yml");
        Files.writeString(vault, "vault_become_password: named-from-vars\n");
        Path node1 = Files.createDirectories(dir.resolve("host_vars")).resolve("node1.yml");
        Files.writeString(node1, "ansible_become_password: literal-in-a-vault-file\n");
        for (Path f : List.of(vault, node1)) {
            ansibleVault("encrypt", "--vault-id", "prod@" + FIXTURES.resolve("prod.pw").toAbsolutePath(), f.toString());
        }
        VaultKeys keys = new VaultKeys(List.of(key("prod", "prod.pw")));
        InventoryFile read = InventoryLoader.read(inventory, VarsDirectories.of(inventory, dir.resolve("site.yml"))
                .opening(keys));
        Diagnostics problems = new Diagnostics();
        Map<String, io.pgconverge.model.Host> hosts = read.inventory(15, Set.copyOf(read.hostNames()),
                new HostResolver("operator", dir), problems).hosts();
        assertEquals(List.of(), problems.sorted());
        SecretResolver resolver = new SecretResolver(Map.of(), dir, keys);
        io.pgconverge.model.Become.Password p1 = hosts.get("node1").become().password().orElseThrow();
        assertEquals(new SecretRef.VaultFile(node1.toString(), "ansible_become_password"), p1.ref());
        assertEquals("literal-in-a-vault-file", resolver.resolve(p1.ref(), p1.mark()).reveal());
        io.pgconverge.model.Become.Password p2 = hosts.get("node2").become().password().orElseThrow();
        assertEquals(new SecretRef.VaultFile(vault.toString(), "vault_become_password"), p2.ref());
        assertEquals("named-from-vars", resolver.resolve(p2.ref(), p2.mark()).reveal());
        assertFalse(p2.ref().toString().contains("named-from-vars"));
    }

    @Test
    void aBecomePasswordNamingAVariableNoOneSetsIsOneProblem() throws IOException {
        Path inventory = dir.resolve("hosts");
        Files.writeString(inventory, "[pg_main]\nnode1 ansible_become_password='{{ vault_missing }}'\n");
        InventoryFile read = InventoryLoader.read(inventory);
        Diagnostics problems = new Diagnostics();
        read.inventory(15, Set.copyOf(read.hostNames()), new HostResolver("operator", dir), problems);
        List<String> found = problems.sorted().stream().map(Object::toString).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).endsWith("ansible_become_password refers to vault_missing, which no inventory or"
                + " vars file of this host sets"), found.get(0));
    }

    @Test
    void anExecutablePasswordFileIsRunAsAnsibleRunsIt() throws IOException {
        Path script = dir.resolve("vault-pass.sh");
        Files.writeString(script, "#!/bin/sh\necho 'correct horse'\n");
        assertTrue(script.toFile().setExecutable(true));
        VaultKeys keys = new VaultKeys(List.of(VaultPasswordFile.read(script.toString())));
        assertTrue(keys.open(Files.readString(FIXTURES.resolve("group_vars_all.yml")), HERE, "f")
                .startsWith("vault_repl_password"));
    }

    private static void ansibleVault(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("ansible-vault"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "ansible-vault (installed by scripts/install-deps): " + out);
        } catch (IOException e) {
            throw new AssertionError("ansible-vault is not installed; scripts/install-deps installs ansible-core", e);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
