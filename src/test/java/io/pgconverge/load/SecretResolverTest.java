package io.pgconverge.load;

import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretResolverTest {
    private static final Mark AT = new Mark("playbook.yml", 7, 33);

    @TempDir
    Path home;

    private SecretResolver resolver(Map<String, String> env) {
        return new SecretResolver(env, home);
    }

    private String failure(SecretResolver resolver, SecretRef ref) {
        return assertThrows(InputException.class, () -> resolver.resolve(ref, AT)).getMessage();
    }

    @Test
    void anEnvironmentVariableResolvesToASecretThatNeverShowsItself() {
        Secret secret = resolver(Map.of("PGC_X", "s3cret")).resolve(new SecretRef.Env("PGC_X"), AT);
        assertEquals("s3cret", secret.reveal());
        assertEquals("(sensitive)", secret.toString());
        assertEquals("[(sensitive)]", java.util.List.of(secret).toString());
    }

    @Test
    void aMissingOrEmptyVariableIsNamed() {
        assertEquals("playbook.yml:7:33: environment variable PGC_MISSING is not set",
                failure(resolver(Map.of()), new SecretRef.Env("PGC_MISSING")));
        assertEquals("playbook.yml:7:33: environment variable PGC_EMPTY is empty",
                failure(resolver(Map.of("PGC_EMPTY", "")), new SecretRef.Env("PGC_EMPTY")));
    }

    @Test
    void aFileLosesOneTrailingNewlineAndTildeIsTheHome() throws IOException {
        Files.writeString(home.resolve("unix.pw"), "s3cret\n");
        Files.writeString(home.resolve("dos.pw"), "s3cret\r\n");
        Files.writeString(home.resolve("bare.pw"), "s3cret");
        Files.writeString(home.resolve("two.pw"), "s3cret\n\n");
        SecretResolver r = resolver(Map.of());
        assertEquals("s3cret", r.resolve(new SecretRef.File("~/unix.pw"), AT).reveal());
        assertEquals("s3cret", r.resolve(new SecretRef.File("~/dos.pw"), AT).reveal());
        assertEquals("s3cret", r.resolve(new SecretRef.File(home.resolve("bare.pw").toString()), AT).reveal());
        assertEquals("s3cret\n", r.resolve(new SecretRef.File("~/two.pw"), AT).reveal());
    }

    @Test
    void unreadableFilesAreNamedWithoutTheirContents() throws IOException {
        Files.write(home.resolve("latin1.pw"), new byte[] {'p', (byte) 0xe9, 'w'});
        Files.writeString(home.resolve("empty.pw"), "\n");
        SecretResolver r = resolver(Map.of());
        assertEquals("playbook.yml:7:33: secret file ~/nope.pw does not exist",
                failure(r, new SecretRef.File("~/nope.pw")));
        assertEquals("playbook.yml:7:33: secret file ~ is not a regular file", failure(r, new SecretRef.File("~")));
        assertEquals("playbook.yml:7:33: secret file ~/latin1.pw is not UTF-8 text",
                failure(r, new SecretRef.File("~/latin1.pw")));
        assertEquals("playbook.yml:7:33: secret file ~/empty.pw is empty", failure(r, new SecretRef.File("~/empty.pw")));
    }

    @Test
    void aHugeFileIsRefusedWithoutBeingRead() throws IOException {
        Files.write(home.resolve("big"), new byte[100_000]);
        String message = failure(resolver(Map.of()), new SecretRef.File("~/big"));
        assertEquals("playbook.yml:7:33: secret file ~/big is larger than 64 KB; is it the right file?", message);
        assertFalse(message.contains("\0"));
    }
}
