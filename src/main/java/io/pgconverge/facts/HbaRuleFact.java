package io.pgconverge.facts;

import java.util.List;
import java.util.Optional;

/** One effective pg_hba rule as the server parsed it (pg_hba_file_rules), or as parsed from the file. */
public record HbaRuleFact(int lineNumber, String type, List<String> databases, List<String> users,
                          Optional<String> address, Optional<String> netmask, String method,
                          Optional<String> error) {
    public HbaRuleFact {
        databases = List.copyOf(databases);
        users = List.copyOf(users);
    }
}
