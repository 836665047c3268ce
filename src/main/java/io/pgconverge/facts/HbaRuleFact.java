package io.pgconverge.facts;

import java.util.List;
import java.util.Optional;

/**
 * One effective pg_hba rule as the server parsed it (pg_hba_file_rules), or as parsed from the file.
 *
 * @param options the rule's authentication options as {@code name=value}, in order ({@code map=omicron},
 *                {@code clientcert=verify-full}); empty when it has none
 */
public record HbaRuleFact(int lineNumber, String type, List<String> databases, List<String> users,
                          Optional<String> address, Optional<String> netmask, String method,
                          Optional<String> error, List<String> options) {
    public HbaRuleFact {
        databases = List.copyOf(databases);
        users = List.copyOf(users);
        options = List.copyOf(options);
    }

    /** Without options (none). */
    public HbaRuleFact(int lineNumber, String type, List<String> databases, List<String> users,
                       Optional<String> address, Optional<String> netmask, String method, Optional<String> error) {
        this(lineNumber, type, databases, users, address, netmask, method, error, List.of());
    }
}
