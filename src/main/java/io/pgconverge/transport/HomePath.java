package io.pgconverge.transport;

/** Expands a leading {@code ~/} in a path the way a shell would, for key and known_hosts files. */
final class HomePath {
    private HomePath() {
    }

    static String expand(String path) {
        if (path.equals("~")) {
            return System.getProperty("user.home");
        }
        if (path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
