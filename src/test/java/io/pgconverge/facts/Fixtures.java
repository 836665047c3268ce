package io.pgconverge.facts;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Test fixtures: files under src/test/resources/facts and hosts laid out the Debian way. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/facts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture facts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PgLayout debian(int version) {
        String v = version >= 100 ? version / 100 + "." + version % 100 : Integer.toString(version);
        return new PgLayout(version, 5432, "/var/lib/postgresql/" + v + "/main", "/usr/lib/postgresql/" + v + "/bin",
                "/etc/postgresql/" + v + "/main", ServiceManager.SYSTEMD, "/var/run/postgresql");
    }

    public static Host host(String name, String address, ConnectionKind kind, PgLayout layout) {
        return new Host(name, address, 22, "postgres", Optional.empty(), Optional.empty(), false, kind, layout, Map.of());
    }

    public static OsReport osReport(String fixture, int version) {
        PgLayout l = debian(version);
        return OsReportParser.parse(text(fixture), l.dataDir(), l.binDir());
    }
}
