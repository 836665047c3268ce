package io.pgconverge.exec;

import java.util.Optional;

/** Who applies: the playbook path, its git commit when it is in a repository, the engine version. */
public record AppliedBy(String playbook, Optional<String> commit, String engineVersion) {
}
