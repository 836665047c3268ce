package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves a secret reference to its value: an environment variable, or a file's contents without its
 * trailing newline. A failure names the variable or the file, never a value.
 */
public final class SecretResolver {
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final Map<String, String> environment;
    private final LocalPaths paths;
    private final VaultKeys vault;

    public SecretResolver(Map<String, String> environment, Path home) {
        this(environment, home, VaultKeys.none());
    }

    public SecretResolver(Map<String, String> environment, Path home, VaultKeys vault) {
        this.environment = Map.copyOf(environment);
        this.paths = new LocalPaths(home);
        this.vault = vault;
    }

    /** The vault passwords that open ansible-vault values and files. */
    public VaultKeys vault() {
        return vault;
    }

    public static SecretResolver forOperator() {
        return new SecretResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param mark where the reference is written, for the diagnostic
     * @throws InputException naming the variable or file when the secret cannot be read
     */
    public Secret resolve(SecretRef ref, Mark mark) {
        if (ref instanceof SecretRef.Env env) {
            String value = environment.get(env.name());
            if (value == null) {
                throw problem(mark, "environment variable " + env.name() + " is not set");
            }
            if (value.isEmpty()) {
                throw problem(mark, "environment variable " + env.name() + " is empty");
            }
            return new Secret(value);
        }
        if (ref instanceof SecretRef.Vault sealed) {
            return nonEmpty(vault.open(sealed.envelope(), mark, "the value"), mark, "the vault value");
        }
        if (ref instanceof SecretRef.VaultFile inFile) {
            return fromVaultFile(inFile, mark);
        }
        return fromFile(((SecretRef.File) ref).path(), mark);
    }

    private Secret fromFile(String written, Mark mark) {
        Path path = Path.of(paths.expand(written));
        try {
            if (!Files.isRegularFile(path)) {
                throw problem(mark, "secret file " + written + (Files.exists(path) ? " is not a regular file"
                        : " does not exist"));
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw problem(mark, "secret file " + written + " is larger than 64 KB; is it the right file?");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
            if (AnsibleVault.isEncrypted(text)) {
                text = vault.open(text, mark, "secret file " + written);
            }
            String value = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (value.isEmpty()) {
                throw problem(mark, "secret file " + written + " is empty");
            }
            return new Secret(value);
        } catch (NoSuchFileException e) {
            throw problem(mark, "secret file " + written + " does not exist");
        } catch (AccessDeniedException e) {
            throw problem(mark, "secret file " + written + " is not readable: permission denied");
        } catch (CharacterCodingException e) {
            throw problem(mark, "secret file " + written + " is not UTF-8 text");
        } catch (IOException e) {
            throw problem(mark, "secret file " + written + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** Opens the vars file in memory again and takes the variable's text; nothing decrypted is kept. */
    private Secret fromVaultFile(SecretRef.VaultFile ref, Mark mark) {
        Path file = Path.of(ref.path());
        String text = vault.open(YamlReader.text(file), mark, "vars file " + ref.path());
        YamlDocument document = YamlReader.parse(ref.path(), text, "variables");
        for (NodeTuple tuple : MappingEntries.of(document.root())) {
            if (MappingEntries.keyText(tuple).equals(ref.variable())) {
                return nonEmpty(NodeText.scalar(tuple.getValueNode()).orElseThrow(() -> problem(mark,
                        ref.variable() + " in " + ref.path() + " is not a text value")), mark, ref.variable()
                        + " in " + ref.path());
            }
        }
        throw problem(mark, ref.path() + " no longer sets " + ref.variable());
    }

    private static Secret nonEmpty(String value, Mark mark, String what) {
        if (value.isEmpty()) {
            throw problem(mark, what + " is empty");
        }
        return new Secret(value);
    }

    private static InputException problem(Mark mark, String message) {
        return new InputException(new Diagnostic(mark, message));
    }
}
