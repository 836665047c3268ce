package io.pgconverge.facts;

import java.util.Optional;

/** A file the engine manages or reads, as found on the node. Content is empty when the file is absent. */
public record FileFact(String path, boolean exists, Optional<String> content, String owner, String mode) {
    public static FileFact absent(String path) {
        return new FileFact(path, false, Optional.empty(), "", "");
    }
}
