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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;

/** Creates the lab's directories and files with the owner and mode they need; refuses a directory it cannot trust. */
final class LabFiles {
    private final LabUser user;

    LabFiles(LabUser user) {
        this.user = user;
    }

    /**
     * Creates the lab directory (mode 0755, owned by the invoker) or checks an existing one: it must belong to
     * the invoker and be writable by nobody else, since the lab runs programs and keeps keys there.
     */
    void prepareLabDir(Path dir) {
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
            if (!owner.equals(user.invoker()) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new EngineException("lab directory " + dir + " belongs to " + owner + " or is writable by"
                        + " others; the lab only uses a directory of " + user.invoker() + " that nobody else can"
                        + " write (choose another one with --dir)");
            }
        } catch (IOException e) {
            throw new EngineException("cannot prepare lab directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates a directory owned by the node user (when running as root) with the given mode. */
    void nodeUserDir(Path dir, String mode) {
        ownedDir(dir, user.nodeUser(), mode);
    }

    /** Creates a directory owned by the invoker with the given mode. */
    void invokerDir(Path dir, String mode) {
        ownedDir(dir, user.invoker(), mode);
    }

    private void ownedDir(Path dir, String owner, String mode) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
            chown(dir, owner);
        } catch (IOException e) {
            throw new EngineException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file owned by the invoker when its content differs; true when it wrote. */
    boolean writeIfChanged(Path file, String content, String mode) {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new EngineException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void chown(Path p, String owner) throws IOException {
        if (!user.root() || Files.getOwner(p).getName().equals(owner)) {
            return;
        }
        UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(p, lookup.lookupPrincipalByName(owner));
        try {
            Files.getFileAttributeView(p, PosixFileAttributeView.class)
                    .setGroup(lookup.lookupPrincipalByGroupName(owner));
        } catch (UserPrincipalNotFoundException e) {
            // no group of that name: the directory keeps the invoker's group
        }
    }
}
