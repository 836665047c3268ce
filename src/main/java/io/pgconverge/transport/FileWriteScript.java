package io.pgconverge.transport;

import java.util.Base64;

/** The bash script that writes a file atomically with a mode, its content travelling base64-encoded on stdin. */
final class FileWriteScript {
    private FileWriteScript() {
    }

    static String of(String path, byte[] content, String mode) {
        String q = quote(path);
        String tmp = quote(path + ".pgconverge-tmp");
        return "set -e\numask 077\nbase64 -d > " + tmp + " <<'PGCONVERGE_EOF'\n"
                + Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(content) + "\nPGCONVERGE_EOF\n"
                + "chmod " + mode + " " + tmp + "\nmv -f " + tmp + " " + q + "\n";
    }

    private static String quote(String s) {
        return ShellWords.quote(s);
    }
}
