package io.pgconverge.plan;

import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.RoleFact;
import io.pgconverge.facts.ScramVerifier;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SettingFact;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServiceManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Throwaway PostgreSQL nodes on loopback addresses for integration tests, laid out like the lab (config
 * files outside the data directory), with just enough fact reading for the planner. Commands run as the
 * postgres OS user (through su when the tests run as root).
 */
final class LocalCluster {
    static final String BIN = "/usr/lib/postgresql/15/bin";
    private final Path root;

    LocalCluster(Path root) {
        this.root = root;
    }

    Host host(int n) {
        String dir = root + "/node" + n;
        return new Host("node" + n, "127.0.0." + (50 + n), 22, "postgres", Optional.empty(), Optional.empty(), false,
                ConnectionKind.LOCAL, new PgLayout(15, 55950 + n, dir + "/data", BIN, dir + "/conf",
                ServiceManager.PG_CTL, dir + "/run"), Map.of());
    }

    /** initdb (with the InitDb task's own command) and the lab's config layout, then start. */
    void create(Host h) {
        PgLayout pg = h.pg();
        String conf = pg.configDir();
        sh("mkdir -p " + conf + " " + pg.socketDir() + " && "
                + new InitDb("x", h.name(), pg.dataDir(), pg.binDir(), 15, "").command() + " >/dev/null && "
                + "mv " + pg.dataDir() + "/postgresql.conf " + pg.dataDir() + "/pg_hba.conf " + pg.dataDir()
                + "/pg_ident.conf " + conf + "/ && cat >> " + conf + "/postgresql.conf <<EOF\n"
                + "data_directory = '" + pg.dataDir() + "'\nhba_file = '" + conf + "/pg_hba.conf'\n"
                + "ident_file = '" + conf + "/pg_ident.conf'\nport = " + pg.port() + "\n"
                + "unix_socket_directories = '" + pg.socketDir() + "'\nEOF\n"
                + new ServiceCommands(pg).start() + " >/dev/null");
    }

    void stopQuietly(Host h) {
        try {
            sh(BIN + "/pg_ctl -D " + h.pg().dataDir() + " status >/dev/null && " + new ServiceCommands(h.pg()).stop()
                    + " >/dev/null || true");
        } catch (RuntimeException ignored) {
            // nothing runs there
        }
    }

    String psql(Host h, String sql) {
        return sh("psql -X -h " + h.pg().socketDir() + " -p " + h.pg().port() + " -d postgres -At -F '|' <<'EOSQL'\n"
                + sql + "\nEOSQL\n");
    }

    NodeFacts facts(Host h) {
        NodePaths p = NodePaths.of(h.pg());
        Map<String, FileFact> files = new HashMap<>();
        for (String f : List.of(p.postgresqlConf(), p.pgconvergeConf(), p.hbaFile(), p.passfile(), p.autoConf(),
                p.standbySignal())) {
            if (Files.exists(Path.of(f))) {
                files.put(f, new FileFact(f, true, Optional.of(read(f)), "postgres", sh("stat -c %a " + f).trim()));
            }
        }
        boolean running = sh(BIN + "/pg_ctl -D " + h.pg().dataDir() + " status >/dev/null && echo y || echo n")
                .trim().equals("y");
        long id = Long.parseLong(sh(BIN + "/pg_controldata " + h.pg().dataDir()
                + " | sed -n 's/^Database system identifier: *//p'").trim());
        DataDirFacts dataDir = new DataDirFacts(h.pg().dataDir(), true, true, "postgres", Optional.of(15),
                Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty(),
                Files.exists(Path.of(p.standbySignal())), false);
        Optional<ServerFacts> server = running ? Optional.of(server(h, id)) : Optional.empty();
        return new NodeFacts(h.name(), true, Optional.empty(), Optional.empty(), Optional.of(BIN), Optional.of(dataDir),
                files, running, server, Optional.empty(), Optional.empty());
    }

    private ServerFacts server(Host h, long id) {
        boolean recovery = psql(h, "select pg_is_in_recovery()").trim().equals("t");
        Map<String, SettingFact> settings = new HashMap<>();
        for (String[] c : rows(h, "select name, setting, context, source, coalesce(sourcefile, ''), pending_restart "
                + "from pg_settings")) {
            settings.put(c[0], new SettingFact(c[0], c[1], Optional.empty(), c[2], "", c[3],
                    c[4].isEmpty() ? Optional.empty() : Optional.of(c[4]), c[5].equals("t")));
        }
        Map<String, RoleFact> roles = new HashMap<>();
        for (String[] c : rows(h, "select rolname, rolsuper, rolcanlogin, rolreplication, rolcreatedb, rolcreaterole, "
                + "rolconnlimit, coalesce(rolpassword, '') from pg_authid")) {
            boolean scram = c[7].startsWith("SCRAM-SHA-256$");
            roles.put(c[0], new RoleFact(c[0], c[1].equals("t"), c[2].equals("t"), c[3].equals("t"), c[4].equals("t"),
                    c[5].equals("t"), Integer.parseInt(c[6]), scram ? "scram-sha-256" : c[7].isEmpty() ? "none" : "md5",
                    scram ? Optional.of(new ScramVerifier(c[7])) : Optional.empty()));
        }
        List<SlotFact> slots = new ArrayList<>();
        for (String[] c : rows(h, "select slot_name, slot_type, active, coalesce(wal_status, '') from pg_replication_slots")) {
            slots.add(new SlotFact(c[0], c[1], c[2].equals("t"), Optional.empty(),
                    c[3].isEmpty() ? Optional.empty() : Optional.of(c[3])));
        }
        String status = psql(h, "select coalesce((select status from pg_stat_wal_receiver), '')").trim();
        Optional<UpstreamFacts> upstream = recovery ? Optional.of(new UpstreamFacts(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), status.isEmpty() ? Optional.empty() : Optional.of(status)))
                : Optional.empty();
        return new ServerFacts("15", 150000, id, 1, recovery, Optional.empty(), Optional.empty(), Optional.empty(),
                upstream, settings, List.of(), roles, slots, List.of());
    }

    private List<String[]> rows(Host h, String sql) {
        return psql(h, sql).lines().filter(l -> !l.isBlank()).map(l -> l.split("\\|", -1)).toList();
    }

    String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file as the postgres user with a mode (content on stdin, base64). */
    void write(String path, String content, String mode) {
        String b64 = java.util.Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        sh("umask 077; base64 -d > " + ShellWords.quote(path) + " <<'EOB'\n" + b64 + "\nEOB\nchmod " + mode + " "
                + ShellWords.quote(path));
    }

    static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static String sh(String script) {
        try {
            ProcessBuilder pb = asRoot() ? new ProcessBuilder("su", "postgres", "-s", "/bin/bash", "-c", "bash -s")
                    : new ProcessBuilder("bash", "-s");
            Process p = pb.redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed:\n" + script + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
