package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import io.pgconverge.model.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A vault password as Ansible reads {@code --vault-password-file [ID@]FILE}: the file's text without surrounding
 * white space, or, for an executable file, what the program prints (a password manager's client, for example).
 */
public final class VaultPasswordFile {
    private static final String DEFAULT_ID = "default";

    private VaultPasswordFile() {
    }

    /** @throws InputException naming the file (never its content) when it gives no password */
    public static VaultKeys.Key read(String option) {
        int at = option.indexOf('@');
        String id = at > 0 ? option.substring(0, at) : DEFAULT_ID;
        String file = at > 0 ? option.substring(at + 1) : option;
        Path path = Path.of(file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file);
        if (!Files.isRegularFile(path)) {
            throw problem(file, "the vault password file does not exist");
        }
        String password = Files.isExecutable(path) ? run(path, file) : text(path, file);
        if (password.isEmpty()) {
            throw problem(file, "the vault password file gives an empty password");
        }
        return new VaultKeys.Key(id, new Secret(password));
    }

    private static String text(Path path, String file) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw problem(file, "cannot read the vault password file: " + e.getClass().getSimpleName());
        }
    }

    private static String run(Path path, String file) {
        try {
            Process p = new ProcessBuilder(path.toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw problem(file, "the vault password program failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                        + ")");
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw problem(file, "cannot run the vault password program: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw problem(file, "interrupted while running the vault password program");
        }
    }

    private static InputException problem(String file, String message) {
        return new InputException(new Diagnostic(Mark.of(file), message));
    }
}
