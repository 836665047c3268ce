package io.pgconverge.transport;

import io.pgconverge.model.ShellWords;
import io.pgconverge.model.Sha256;

import java.util.Base64;

/** The bash script that writes a file atomically with a mode, its content travelling base64-encoded on stdin. */
final class FileWriteScript {
    private FileWriteScript() {
    }

    /** Prints {@value #UNCHANGED} and leaves the file alone when it already has the content and mode. */
    static String of(String path, byte[] content, String mode) {
        String q = ShellWords.quote(path);
        String tmp = ShellWords.quote(path + ".pgconverge-tmp");
        String statMode = mode.replaceFirst("^0+(?=.)", "");
        return "set -e\numask 077\n"
                + "if [ -f " + q + " ] && [ \"$(sha256sum < " + q + " | cut -d' ' -f1)\" = " + Sha256.hex(content)
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
}
