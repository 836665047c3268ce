package io.pgconverge.facts;

import java.util.Optional;

/** One row of pg_settings. */
public record SettingFact(String name, String setting, Optional<String> unit, String context, String vartype,
                          String source, Optional<String> sourceFile, boolean pendingRestart) {
    /** Whether a change needs a server restart rather than a reload. */
    public boolean needsRestart() {
        return "postmaster".equals(context);
    }
}
