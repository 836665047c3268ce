package io.pgconverge.transport;

import io.pgconverge.model.ShellWords;
import java.util.Base64;

/** The bash script that writes a file atomically with a mode, its content travelling base64-encoded on stdin. */
final class FileWriteScript {
    private FileWriteScript() {
    }

    /** Prints {@value #UNCHANGED} and leaves the file alone when it already has the content and mode. */
    static String of(String path, byte[] content, String mode) {
        String q = quote(path);
        String tmp = quote(path + ".pgconverge-tmp");
        String statMode = mode.replaceFirst("^0+(?=.)", "");
        return "set -e\numask 077\n"
                + "if [ -f " + q + " ] && [ \"$(sha256sum < " + q + " | cut -d' ' -f1)\" = " + sha256(content)
                + " ] && [ \"$(stat -c %a " + q + ")\" = " + statMode + " ]; then echo " + UNCHANGED + "; exit 0; fi\n"
                + "base64 -d > " + tmp + " <<'PGCONVERGE_EOF'\n"
                + Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(content) + "\nPGCONVERGE_EOF\n"
                + "chmod " + mode + " " + tmp + "\nmv -f " + tmp + " " + q + "\n";
    }

    static final String UNCHANGED = "pgconverge-unchanged";

    /** Whether the script's output says it wrote the file. */
    static boolean wrote(CommandResult result) {
        return !result.stdout().strip().equals(UNCHANGED);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return ShellWords.quote(s);
    }
}
