package io.pgconverge.lab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A read-only Debian root filesystem shared by every node of one release: the packages debootstrap installs and
 * the name it is cached under, {@code <release>-<hash of the package list and recipe>}.
 */
public record BaseSpec(DebianRelease release, List<String> packages) {
    public static final Path CACHE_DIR = Path.of("/var/cache/pgconverge/bases");
    /** Raised when what the lab does to a fresh base changes, so that older bases are not reused. */
    static final int RECIPE = 1;

    public BaseSpec {
        packages = List.copyOf(packages);
    }

    public static BaseSpec of(DebianRelease release) {
        return new BaseSpec(release, List.of("postgresql-" + release.pgVersion(), "sudo", "openssh-server",
                "iproute2", "procps", "locales", "less"));
    }

    /** {@code bookworm-0a1b2c3d4e5f}. */
    public String name() {
        return release.codename() + "-" + hash();
    }

    public Path dir() {
        return CACHE_DIR.resolve(name());
    }

    public List<String> debootstrapCommand(Path target, String mirror) {
        return List.of("debootstrap", "--variant=minbase", "--include=" + String.join(",", packages),
                release.codename(), target.toString(), mirror);
    }

    private String hash() {
        String text = release.codename() + "\n" + String.join(",", packages) + "\nrecipe " + RECIPE + "\n";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
