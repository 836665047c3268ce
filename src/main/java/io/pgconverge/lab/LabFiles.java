package io.pgconverge.lab;

import io.pgconverge.model.EngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates the lab's directories and files with the mode they need; refuses a lab directory it cannot trust. */
final class LabFiles {
    private LabFiles() {
    }

    /**
     * Creates the lab directory (mode 0755) or checks an existing one: it must belong to root and be writable by
     * nobody else, since the lab mounts file systems and keeps keys there.
     */
    static void prepareLabDir(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                return;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new EngineException("lab directory " + dir + " exists but is not a directory; remove it"
                        + " or choose another one with --dir");
            }
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals("root") || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new EngineException("lab directory " + dir + " belongs to " + owner + " or is writable by"
                        + " others; the lab only uses a directory of root that nobody else can write (choose"
                        + " another one with --dir)");
            }
        } catch (IOException e) {
            throw new EngineException("cannot prepare lab directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static void directory(Path dir, String mode) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new EngineException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file when its content differs; true when it wrote. */
    static boolean writeIfChanged(Path file, String content, String mode) {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new EngineException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
