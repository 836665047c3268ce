package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folders whose {@code group_vars/} and {@code host_vars/} Ansible reads: beside the inventory, then beside
 * the playbook (which wins). For a group or host NAME, a folder holds {@code NAME}, {@code NAME.yml},
 * {@code NAME.yaml} or {@code NAME.json}, or a directory {@code NAME/} whose files are read in name order.
 */
public final class VarsDirectories {
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");
    private final List<Path> dirs;
    private final VaultKeys vault;

    private VarsDirectories(List<Path> dirs, VaultKeys vault) {
        this.dirs = List.copyOf(dirs);
        this.vault = vault;
    }

    public static VarsDirectories none() {
        return new VarsDirectories(List.of(), VaultKeys.none());
    }

    /** The same folders; files encrypted whole by ansible-vault are opened with these passwords. */
    public VarsDirectories opening(VaultKeys keys) {
        return new VarsDirectories(dirs, keys);
    }

    /** The file's text, opened in memory when ansible-vault encrypted it whole. */
    String text(Path file) {
        return opened(file, YamlReader.text(file));
    }

    private String opened(Path file, String text) {
        return AnsibleVault.isEncrypted(text) ? vault.open(text, io.pgconverge.model.Mark.of(file.toString()),
                file.toString()) : text;
    }

    /** The inventory's folder, then the playbook's when it is another one. */
    public static VarsDirectories of(Path inventory, Path playbook) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(folder(inventory));
        Path other = folder(playbook);
        if (!dirs.contains(other)) {
            dirs.add(other);
        }
        return new VarsDirectories(dirs, VaultKeys.none());
    }

    private static Path folder(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    VarsLayers read(Collection<String> groups, Collection<String> hosts, Diagnostics problems) {
        List<Map<String, Map<String, Var>>> groupLayers = new ArrayList<>();
        List<Map<String, Map<String, Var>>> hostLayers = new ArrayList<>();
        for (Path dir : dirs) {
            groupLayers.add(layer(dir.resolve("group_vars"), groups, problems));
            hostLayers.add(layer(dir.resolve("host_vars"), hosts, problems));
        }
        return new VarsLayers(groupLayers, hostLayers);
    }

    private Map<String, Map<String, Var>> layer(Path folder, Collection<String> names, Diagnostics problems) {
        Map<String, Map<String, Var>> layer = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return layer;
        }
        for (String name : names) {
            Map<String, Var> vars = new LinkedHashMap<>();
            for (Path file : files(folder, name)) {
                readInto(file, vars, problems);
            }
            if (!vars.isEmpty()) {
                layer.put(name, vars);
            }
        }
        return layer;
    }

    private static List<Path> files(Path folder, String name) {
        List<Path> found = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            Path candidate = folder.resolve(name + ext);
            if (Files.isRegularFile(candidate)) {
                found.add(candidate);
            }
        }
        Path dir = folder.resolve(name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.walk(dir)) {
                entries.filter(Files::isRegularFile).filter(VarsDirectories::isVarsFile).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new InputException(new Diagnostic(io.pgconverge.model.Mark.of(dir.toString()),
                        "cannot read the directory: " + e.getMessage()));
            }
        }
        return found;
    }

    private static boolean isVarsFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json")
                || !n.contains("."));
    }

    private void readInto(Path file, Map<String, Var> vars, Diagnostics problems) {
        YamlDocument document;
        Optional<Path> sealedIn;
        try {
            String text = YamlReader.text(file);
            sealedIn = AnsibleVault.isEncrypted(text) ? Optional.of(file) : Optional.empty();
            document = YamlReader.parse(file.toString(), opened(file, text), "variables");
        } catch (InputException e) {
            problems.addAll(e.diagnostics());
            return;
        }
        for (NodeTuple tuple : MappingEntries.of(document.root())) {
            vars.put(MappingEntries.keyText(tuple), new Var(tuple.getValueNode(),
                    document.locator().at(tuple.getValueNode()), sealedIn));
        }
    }
}
