package io.pgconverge.facts;

import java.util.Optional;

/**
 * A file the engine manages or reads, as found on the node. Content is empty when the file is absent or secret; a
 * secret file (the passfile) has only its SHA-256 digest read, so the planner can tell whether it holds the
 * desired content without the content ever leaving the node. The digest is never shown.
 */
public record FileFact(String path, boolean exists, Optional<String> content, String owner, String mode,
                       Optional<String> sha256) {
    public FileFact(String path, boolean exists, Optional<String> content, String owner, String mode) {
        this(path, exists, content, owner, mode, Optional.empty());
    }

    public static FileFact absent(String path) {
        return new FileFact(path, false, Optional.empty(), "", "");
    }
}
