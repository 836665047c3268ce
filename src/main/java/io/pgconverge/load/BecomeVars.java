package io.pgconverge.load;

import io.pgconverge.model.Become;
import io.pgconverge.model.BecomeMethod;
import io.pgconverge.model.SecretRef;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Ansible's privilege escalation variables of one host: ansible_become (a boolean), ansible_become_user,
 * ansible_become_method (sudo or su) and ansible_become_password, which must be a secret reference
 * ({@code { env: NAME }} or {@code { file: PATH }}), an ansible-vault value, a value of a vars file ansible-vault
 * encrypted whole, or {@code "{{ other_variable }}"} naming one of those: a literal in clear text is a problem,
 * reported without its value.
 */
final class BecomeVars {
    private static final Set<String> BOOLEANS = Set.of("y", "yes", "true", "on", "n", "no", "false", "off");
    private static final String PASSWORD = "ansible_become_password";
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final String EXAMPLE = "{ env: PGC_BECOME_PASSWORD }, { file: ~/.pgconverge/become.pw } or an"
            + " ansible-vault value (!vault |)";

    private final Map<String, Var> vars;
    private final HostVars text;
    private final Diagnostics problems;

    BecomeVars(Map<String, Var> vars, HostVars text, Diagnostics problems) {
        this.vars = vars;
        this.text = text;
        this.problems = problems;
    }

    Become read() {
        boolean enabled = enabled();
        String user = text.text("ansible_become_user").map(String::strip).filter(u -> !u.isEmpty())
                .orElse(Become.DEFAULT_USER);
        BecomeMethod method = text.choice("ansible_become_method", "sudo", "su")
                .map(m -> BecomeMethod.valueOf(m.toUpperCase(Locale.ROOT))).orElse(BecomeMethod.SUDO);
        return new Become(enabled, user, method, password());
    }

    private boolean enabled() {
        Optional<String> value = text.text("ansible_become").map(String::strip);
        if (value.isPresent() && !BOOLEANS.contains(value.get().toLowerCase(Locale.ROOT))) {
            problems.add(vars.get("ansible_become").mark(), "ansible_become must be true or false, found "
                    + NodeText.quote(value.get()));
            return false;
        }
        return value.map(YamlBooleans::isTrue).orElse(false);
    }

    private Optional<Become.Password> password() {
        Var written = vars.getOrDefault(PASSWORD, vars.get("ansible_sudo_pass"));
        if (written == null || written.isNull()) {
            return Optional.empty();
        }
        Optional<Var> referred = referred(written);
        if (referred.isEmpty()) {
            return Optional.empty();
        }
        Var var = referred.get();
        Optional<SecretRef> vault = SecretRefReader.vault(var.node());
        if (vault.isPresent()) {
            return Optional.of(new Become.Password(vault.get(), written.mark()));
        }
        if (var.sealedIn().isPresent() && var.text().isPresent()) {
            String variable = vars.entrySet().stream().filter(e -> e.getValue() == var).map(Map.Entry::getKey)
                    .findFirst().orElseThrow();
            return Optional.of(new Become.Password(new SecretRef.VaultFile(var.sealedIn().get().toString(),
                    variable), written.mark()));
        }
        if (!(var.node() instanceof MappingNode mapping)) {
            String problem = var.text().isPresent()
                    ? " is a literal password, which an inventory must not hold; write a reference instead: "
                    : " must be a reference, found " + NodeText.describe(var.node()) + "; write ";
            problems.add(var.mark(), PASSWORD + problem + EXAMPLE);
            return Optional.empty();
        }
        Optional<SecretRef> ref = reference(mapping);
        if (ref.isEmpty()) {
            problems.add(var.mark(), PASSWORD + " needs exactly one of env (an environment variable's name) or"
                    + " file (a path); write " + EXAMPLE);
        }
        return ref.map(r -> new Become.Password(r, var.mark()));
    }

    /**
     * The variable a value such as {@code "{{ vault_become_password }}"} names (Ansible's habit of keeping the
     * secret in a vaulted file under another name), else the value itself; nothing else of Jinja is read.
     */
    private Optional<Var> referred(Var written) {
        Matcher m = written.text().map(t -> REFERENCE.matcher(t.strip())).filter(Matcher::matches).orElse(null);
        if (m == null) {
            return Optional.of(written);
        }
        Var target = vars.get(m.group(1));
        if (target == null || target.isNull()) {
            problems.add(written.mark(), PASSWORD + " refers to " + m.group(1) + ", which no inventory or vars"
                    + " file of this host sets");
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private static Optional<SecretRef> reference(MappingNode mapping) {
        if (mapping.getValue().size() != 1) {
            return Optional.empty();
        }
        NodeTuple entry = mapping.getValue().get(0);
        Optional<String> key = NodeText.scalar(entry.getKeyNode());
        Optional<String> value = NodeText.scalar(entry.getValueNode()).map(String::strip);
        if (key.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        if (key.get().equals("env") && value.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return Optional.of(new SecretRef.Env(value.get()));
        }
        if (key.get().equals("file") && !value.get().isEmpty()) {
            return Optional.of(new SecretRef.File(value.get()));
        }
        return Optional.empty();
    }
}
