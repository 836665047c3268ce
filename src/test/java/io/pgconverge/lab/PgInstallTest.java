package io.pgconverge.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgInstallTest {
    @Test
    void theHighestVersionWithAnInitdbWins(@TempDir Path root) throws Exception {
        Path v13 = bin(root, "13", true);
        Path v16 = bin(root, "16", false);
        Path v15 = bin(root, "15", true);
        assertEquals(Optional.of(new PgInstall(15, v15)), PgInstall.highest(List.of(v13, v16, v15)));
        assertEquals(Optional.empty(), PgInstall.highest(List.of(v16)));
    }

    private static Path bin(Path root, String version, boolean withInitdb) throws Exception {
        Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
        if (withInitdb) {
            Path initdb = Files.writeString(bin.resolve("initdb"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(initdb, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }
}
