package io.pgconverge.cli;

import io.pgconverge.load.VaultKeys;
import io.pgconverge.load.VaultPasswordFile;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code --vault-password-file} and {@code --ask-vault-pass}: the passwords that open ansible-vault text. */
public final class VaultMixin {
    @Option(names = "--vault-password-file", paramLabel = "[ID@]FILE",
            description = "Opens ansible-vault values and files; an executable FILE is run and prints the password."
                    + " Repeatable. Default: $ANSIBLE_VAULT_PASSWORD_FILE.")
    List<String> passwordFiles = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"},
            description = "Ask for the vault password on the terminal.")
    boolean ask;

    /** The passwords given, read now; {@code $ANSIBLE_VAULT_PASSWORD_FILE} when no file was named. */
    VaultKeys keys(Map<String, String> environment) {
        List<String> files = new ArrayList<>(passwordFiles);
        String fromEnv = environment.get("ANSIBLE_VAULT_PASSWORD_FILE");
        if (files.isEmpty() && fromEnv != null && !fromEnv.isBlank()) {
            files.add(fromEnv);
        }
        List<VaultKeys.Key> keys = new ArrayList<>();
        files.forEach(f -> keys.add(VaultPasswordFile.read(f)));
        if (ask) {
            keys.add(new VaultKeys.Key("default", Terminal.askSecret("Vault password: ")));
        }
        return new VaultKeys(keys);
    }
}
