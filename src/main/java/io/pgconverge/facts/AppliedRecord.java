package io.pgconverge.facts;

import java.util.Optional;

/** What the engine last applied on a node: playbook, its git commit when known, and when. */
public record AppliedRecord(String playbook, Optional<String> commit, String appliedAt, String engineVersion) {
}
