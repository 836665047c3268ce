package io.pgconverge.load;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.PgMajorVersion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The static list of PostgreSQL settings per major version (resource {@code pg-settings.txt}), for
 * validating a playbook's settings before any node is contacted.
 */
public final class PgSettingsCatalog {
    private static final String RESOURCE = "pg-settings.txt";
    private static final int RECOVERY_GUCS_SINCE = 12;

    /** One line of the resource. since/until in {@link PgMajorVersion} encoding, 0 when open. */
    private record Entry(String name, String context, int since, int until, String use, boolean recoveryConf,
                         String hint) {
        boolean existsIn(int version) {
            return (since == 0 || PgMajorVersion.atLeast(version, since))
                    && (until == 0 || !PgMajorVersion.atLeast(version, until));
        }
    }

    private static PgSettingsCatalog standard;

    private final Map<String, Entry> byLowerName;

    private PgSettingsCatalog(Map<String, Entry> byLowerName) {
        this.byLowerName = byLowerName;
    }

    public static synchronized PgSettingsCatalog standard() {
        if (standard == null) {
            standard = new PgSettingsCatalog(read());
        }
        return standard;
    }

    /** The name as PostgreSQL spells it (setting names are case-insensitive: datestyle -> DateStyle). */
    public String canonical(String name) {
        Entry e = byLowerName.get(name.toLowerCase(Locale.ROOT));
        return e == null ? name : e.name();
    }

    /** Every setting name PostgreSQL of that major version knows. */
    public List<String> names(int version) {
        return byLowerName.values().stream().filter(e -> e.existsIn(version)).map(Entry::name).toList();
    }

    /** Why the name cannot be set in postgresql.conf of that version, or empty when it can. */
    public Optional<String> problem(String name, int version) {
        if (name.contains(".")) {
            return Optional.empty();
        }
        String pg = "PostgreSQL " + PgMajorVersion.text(version);
        Entry e = byLowerName.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            return Optional.of("unknown " + pg + " setting '" + name + "'" + NameSuggester.hint(name, names(version)));
        }
        if (e.recoveryConf() && !PgMajorVersion.atLeast(version, RECOVERY_GUCS_SINCE)) {
            return Optional.of(e.name() + " is a recovery.conf parameter in " + pg
                    + ", not a postgresql.conf setting; the engine writes the recovery settings of standbys itself");
        }
        if (e.existsIn(version)) {
            return "internal".equals(e.context())
                    ? Optional.of(e.name() + " is read-only: it reports how the server was built or initialised")
                    : Optional.empty();
        }
        String when = e.since() != 0 && !PgMajorVersion.atLeast(version, e.since())
                ? "it came with PostgreSQL " + PgMajorVersion.text(e.since())
                : "PostgreSQL " + PgMajorVersion.text(e.until()) + " removed it";
        String advice = e.use() != null ? "; use " + e.use() : e.hint() != null ? "; " + e.hint() : "";
        return Optional.of(e.name() + " is not a " + pg + " setting (" + when + ")" + advice);
    }

    private static Map<String, Entry> read() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (InputStream in = PgSettingsCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EngineException("the settings list " + RESOURCE + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    Entry e = parse(line);
                    entries.put(e.name().toLowerCase(Locale.ROOT), e);
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot read the settings list " + RESOURCE + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static Entry parse(String line) {
        int dashes = line.indexOf(" -- ");
        String hint = dashes < 0 ? null : line.substring(dashes + 4).strip();
        String[] fields = (dashes < 0 ? line : line.substring(0, dashes)).strip().split("\\s+");
        int since = 0;
        int until = 0;
        String use = null;
        boolean recovery = false;
        for (int i = 2; i < fields.length; i++) {
            String f = fields[i];
            if (f.startsWith("since=")) {
                since = version(f.substring(6));
            } else if (f.startsWith("until=")) {
                until = version(f.substring(6));
            } else if (f.startsWith("use=")) {
                use = f.substring(4);
            } else if (f.equals("recovery")) {
                recovery = true;
            }
        }
        return new Entry(fields[0], fields.length > 1 ? fields[1] : "-", since, until, use, recovery, hint);
    }

    private static int version(String text) {
        OptionalInt v = PgMajorVersion.parse(text);
        if (v.isEmpty()) {
            throw new EngineException("bad version '" + text + "' in the settings list " + RESOURCE);
        }
        return v.getAsInt();
    }
}
