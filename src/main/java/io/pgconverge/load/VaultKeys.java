package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import io.pgconverge.model.Secret;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The vault passwords the operator gave ({@code --vault-password-file [ID@]FILE}, {@code --ask-vault-pass}), each
 * with its vault id ({@code default} when none was named). A value is tried with the password of its own vault id
 * first, then with every other, as ansible-vault does.
 */
public record VaultKeys(List<Key> keys) {
    /** One password and the vault id it is for. */
    public record Key(String id, Secret password) {
    }

    public VaultKeys {
        keys = List.copyOf(keys);
    }

    public static VaultKeys none() {
        return new VaultKeys(List.of());
    }

    /**
     * Decrypts vault-encrypted text in memory.
     *
     * @param where what holds it, for the message ("the value of ansible_become_password", "group_vars/all.yml")
     * @throws InputException at {@code mark} when it is no vault text, no password was given, or none opens it
     */
    public String open(String envelope, Mark mark, String where) {
        AnsibleVault vault = AnsibleVault.parse(envelope).orElseThrow(() -> problem(mark, where
                + " starts like ansible-vault text but cannot be read as format 1.1 or 1.2 with AES256"));
        if (keys.isEmpty()) {
            throw problem(mark, where + " is encrypted with ansible-vault; give its password with"
                    + " --vault-password-file FILE or --ask-vault-pass");
        }
        for (Key key : ordered(vault.vaultId())) {
            Optional<byte[]> plain = vault.open(key.password());
            if (plain.isPresent()) {
                return utf8(plain.get(), mark, where);
            }
        }
        throw problem(mark, where + " is encrypted with ansible-vault" + vault.vaultId().map(id -> " (vault id "
                + id + ")").orElse("") + " and no vault password given opens it");
    }

    private List<Key> ordered(Optional<String> id) {
        List<Key> ordered = new ArrayList<>();
        id.ifPresent(wanted -> keys.stream().filter(k -> k.id().equals(wanted)).forEach(ordered::add));
        keys.stream().filter(k -> !ordered.contains(k)).forEach(ordered::add);
        return ordered;
    }

    private static String utf8(byte[] bytes, Mark mark, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(mark, where + " decrypts to bytes that are not UTF-8 text");
        }
    }

    private static InputException problem(Mark mark, String message) {
        return new InputException(new Diagnostic(mark, message));
    }
}
