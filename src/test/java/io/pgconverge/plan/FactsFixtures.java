package io.pgconverge.plan;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.ConfigSources;
import io.pgconverge.facts.DataDirFacts;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.Lsn;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.facts.OsFacts;
import io.pgconverge.facts.RoleFact;
import io.pgconverge.facts.ServerFacts;
import io.pgconverge.facts.SettingFact;
import io.pgconverge.facts.SlotFact;
import io.pgconverge.facts.UpstreamFacts;
import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.access.PasswordVerifier;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.model.Sha256;
import io.pgconverge.plan.access.SaltSource;
import io.pgconverge.plan.access.ScramSha256;
import io.pgconverge.plan.config.ConfigPlanner;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.NodeFiles;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.plan.slots.SlotNames;
import io.pgconverge.plan.topology.Upstreams;
import io.pgconverge.render.TemplateRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Desired states, hosts and node facts built in code for planner tests: the lab's three nodes by default. */
final class FactsFixtures {
    static final SecretRef REPL_PW = new SecretRef.Env("PGC_REPL_PASSWORD");
    static final SecretRef POSTGRES_PW = new SecretRef.Env("PGC_POSTGRES_PASSWORD");
    static final SecretRef PGPOOL_PW = new SecretRef.Env("PGC_PGPOOL_PASSWORD");
    static final long CLUSTER_ID = 7300000000000000001L;

    private FactsFixtures() {
    }

    static Host host(int n, int version, ServiceManager service) {
        String dir = "/srv/lab/node" + n;
        PgLayout layout = new PgLayout(version, 5440 + n, dir + "/data", "/usr/lib/postgresql/"
                + PgMajorVersion.text(version) + "/bin", dir + "/conf", service, dir + "/run");
        return new Host("node" + n, "127.0.0." + (10 + n), 2222, "postgres", Optional.empty(), Optional.empty(),
                false, ConnectionKind.SSH, layout, Map.of());
    }

    static List<Host> lab(int version) {
        return List.of(host(1, version, ServiceManager.PG_CTL), host(2, version, ServiceManager.PG_CTL),
                host(3, version, ServiceManager.PG_CTL));
    }

    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "*");
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "10");
        settings.put("hot_standby", "on");
        settings.put("wal_log_hints", "on");
        return settings;
    }

    static List<HbaRule> hba() {
        return List.of(new HbaRule("local", "all", "postgres", Optional.empty(), "peer", Optional.empty()),
                new HbaRule("local", "all", "all", Optional.empty(), "scram-sha-256", Optional.empty()),
                new HbaRule("host", "replication", "repl", Optional.of("127.0.0.0/8"), "scram-sha-256", Optional.empty()),
                new HbaRule("host", "all", "all", Optional.of("127.0.0.0/8"), "scram-sha-256", Optional.empty()));
    }

    static List<RoleSpec> roles() {
        return List.of(
                new RoleSpec("repl", Optional.of(true), Optional.empty(), Optional.of(true), Optional.empty(),
                        Optional.empty(), Optional.of(5), Optional.of(REPL_PW)),
                new RoleSpec("postgres", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(POSTGRES_PW)),
                new RoleSpec("pgpool", Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(PGPOOL_PW)));
    }

    static DesiredState desired(int version, Map<String, String> settings, List<RoleSpec> roles,
                                Optional<ArchiveSpec> archive) {
        return new DesiredState("playbooks/ha-cluster.yml", "pg_main", "node1", version, settings, archive, hba(),
                roles, Optional.of(new ReplicationSpec("repl", true, Map.of())), Map.of());
    }

    static Cluster labCluster(int version) {
        return new Cluster(desired(version, settings(), roles(), Optional.empty()), lab(version));
    }

    static ResolvedSecrets secrets() {
        return new ResolvedSecrets(Map.of(REPL_PW, new Secret("repl-secret"), POSTGRES_PW, new Secret("pg-secret"),
                PGPOOL_PW, new Secret("pool-secret")));
    }

    static SaltSource fixedSalt() {
        return role -> new byte[16];
    }

    static Planner planner() {
        return new Planner(TemplateRenderer.builtIn(), fixedSalt());
    }

    static ClusterFacts facts(NodeFacts... nodes) {
        Map<String, NodeFacts> map = new LinkedHashMap<>();
        for (NodeFacts n : nodes) {
            map.put(n.host(), n);
        }
        return new ClusterFacts(map);
    }

    /** A reachable node; by default a freshly initialised, running primary of its own cluster. */
    static Node node(Host host) {
        return new Node(host);
    }

    /** The facts a node has once the plan for {@code cluster} was applied: every file as rendered, roles set. */
    static ClusterFacts converged(Cluster cluster, ResolvedSecrets secrets) {
        return facts(convergedNodes(cluster, secrets).stream().map(Node::build).toArray(NodeFacts[]::new));
    }

    /**
     * The builders of {@link #converged}: standbys stream from the primary, or from their declared upstream
     * (which holds their slot), and have replayed the primary's position.
     */
    static List<Node> convergedNodes(Cluster cluster, ResolvedSecrets secrets) {
        DesiredFiles files = new DesiredFiles(cluster, secrets, TemplateRenderer.builtIn());
        Upstreams upstreams = Upstreams.declared(cluster);
        List<Node> nodes = new ArrayList<>();
        for (Host host : cluster.members()) {
            boolean primary = host.name().equals(cluster.desired().primary());
            Node node = node(host).system(CLUSTER_ID).convergedFiles(files.of(host));
            for (RoleSpec role : cluster.desired().roles()) {
                node.role(role, role.password().map(secrets::get));
            }
            for (String child : upstreams.childrenOf(host.name(), cluster.standbys())) {
                node.slot(SlotNames.of(cluster.desired().replication().orElseThrow(), cluster.host(child)
                        .orElseThrow()), true);
            }
            if (!primary) {
                node.standby(upstreams.sourceOf(host.name()).address(), "streaming").wal(0x3000060L, 0x3000060L);
            }
            nodes.add(node);
        }
        return nodes;
    }

    /** The lab cluster with another desired primary (as {@code -e primary=NAME} makes it). */
    static Cluster withPrimary(Cluster cluster, String primary) {
        DesiredState d = cluster.desired();
        return new Cluster(new DesiredState(d.source(), d.group(), primary, d.pgVersion(), d.settings(), d.archive(),
                d.hba(), d.roles(), d.replication(), Map.of(), d.topology()), cluster.members());
    }

    /** Mutable builder of one node's facts. */
    static final class Node {
        final Host host;
        boolean running = true;
        boolean initialised = true;
        boolean inRecovery;
        long systemId;
        Optional<UpstreamFacts> upstream = Optional.empty();
        int timeline = 1;
        Optional<Lsn> received = Optional.empty();
        Optional<Lsn> replayed = Optional.empty();
        Lsn current = new Lsn(0x3000060L);
        Lsn checkpoint = new Lsn(0x3000028L);
        String clusterState;
        Optional<Boolean> walLogHints = Optional.empty();
        final Map<String, FileFact> files = new LinkedHashMap<>();
        final Map<String, SettingFact> settings = new LinkedHashMap<>();
        final Map<String, RoleFact> roles = new LinkedHashMap<>();
        final List<SlotFact> slots = new ArrayList<>();
        final Map<String, Integer> sourceLines = new LinkedHashMap<>();
        final List<ConfigSources.FileSetting> fileSettings = new ArrayList<>();
        Optional<String> intent = Optional.empty();
        Optional<String> liveJob = Optional.empty();

        Node(Host host) {
            this.host = host;
            this.systemId = 7000000000000000000L + host.name().hashCode();
            defaultSettings();
            roles.put("postgres", new RoleFact("postgres", true, true, true, true, true, -1, "none", Optional.empty(),
                    Optional.empty()));
            file(host.pg().configDir() + "/postgresql.conf", "# initdb's postgresql.conf\nmax_connections = 100\n");
            file(host.pg().configDir() + "/pg_hba.conf", "local all all peer\n");
        }

        private void defaultSettings() {
            for (String name : List.of("listen_addresses", "wal_level", "max_wal_senders", "max_connections",
                    "hot_standby", "wal_log_hints", "archive_mode", "max_replication_slots", "shared_buffers",
                    "recovery_target_timeline", "max_worker_processes", "max_locks_per_transaction",
                    "max_prepared_transactions")) {
                setting(name, "0", "postmaster", "default", null);
            }
            for (String name : List.of("archive_command", "primary_conninfo", "primary_slot_name", "restore_command")) {
                setting(name, "", "sighup", "default", null);
            }
            setting("work_mem", "4096", "user", "default", null);
            setting("max_connections", "100", "postmaster", "configuration file",
                    host.pg().configDir() + "/postgresql.conf");
        }

        Node setting(String name, String value, String context, String source, String file) {
            settings.put(name, new SettingFact(name, value, Optional.empty(), context, "string", source,
                    Optional.ofNullable(file), false));
            return this;
        }

        /** A value in effect with its type and unit, set by {@code file} at {@code line}. */
        Node effective(String name, String value, String unit, String vartype, String file, int line) {
            String context = settings.containsKey(name) ? settings.get(name).context() : "user";
            settings.put(name, new SettingFact(name, value, Optional.ofNullable(unit), context, vartype,
                    file == null ? "command line" : "configuration file", Optional.ofNullable(file), false));
            if (file != null) {
                sourceLines.put(name, line);
            }
            return this;
        }

        /** A line of a configuration file the server rejected (pg_file_settings.error). */
        Node rejected(String file, int line, String name, String value, String error) {
            fileSettings.add(new ConfigSources.FileSetting(file, line, fileSettings.size() + 1, name, value, false,
                    Optional.of(error)));
            return this;
        }

        Node pendingRestart(String name) {
            SettingFact s = settings.get(name);
            settings.put(name, new SettingFact(name, s.setting(), s.unit(), s.context(), s.vartype(), s.source(),
                    s.sourceFile(), true));
            return this;
        }

        Node file(String path, String content) {
            files.put(path, new FileFact(path, true, Optional.of(content), "postgres", "0600"));
            return this;
        }

        /** A secret file as the gatherer reads it: its digest, never its content. */
        Node secretFile(String path, String content) {
            files.put(path, new FileFact(path, true, Optional.empty(), "postgres", "0600",
                    Optional.of(Sha256.hex(content))));
            return this;
        }

        Node directory(String path, String owner, String mode) {
            files.put(path, new FileFact(path, true, Optional.empty(), owner, mode));
            return this;
        }

        Node noFile(String path) {
            files.remove(path);
            return this;
        }

        Node system(long id) {
            systemId = id;
            return this;
        }

        Node stopped() {
            running = false;
            return this;
        }

        Node empty() {
            initialised = false;
            running = false;
            return this;
        }

        Node timeline(int tli) {
            timeline = tli;
            return this;
        }

        /** A standby's received and replayed positions. */
        Node wal(long receivedLsn, long replayedLsn) {
            received = Optional.of(new Lsn(receivedLsn));
            replayed = Optional.of(new Lsn(replayedLsn));
            return this;
        }

        Node current(long lsn) {
            current = new Lsn(lsn);
            return this;
        }

        /** pg_controldata's state and latest checkpoint, for a stopped node. */
        Node control(String state, long checkpointLsn) {
            clusterState = state;
            checkpoint = new Lsn(checkpointLsn);
            return this;
        }

        /** The intent marker an interrupted apply left, e.g. "base-backup node1\ncopying\n". */
        Node intent(String text) {
            intent = Optional.of(text);
            return this;
        }

        /** The job pid file of a long command an earlier apply started and that still runs. */
        Node liveJob(String text) {
            liveJob = Optional.of(text);
            return this;
        }

        Node walLogHints(boolean on) {
            walLogHints = Optional.of(on);
            return setting("wal_log_hints", on ? "on" : "off", "postmaster", "configuration file", null)
                    .setting("data_checksums", "off", "internal", "default", null);
        }

        /** A standby configured to stream from {@code sender}; without a receiver status no receiver runs. */
        Node standby(String sender, String receiverStatus) {
            inRecovery = true;
            int port = 5430 + Integer.parseInt(sender.substring(sender.lastIndexOf('.') + 1));
            boolean receiving = receiverStatus != null;
            upstream = Optional.of(new UpstreamFacts(Optional.of("host=" + sender + " port=" + port),
                    Optional.empty(), receiving ? Optional.of(sender) : Optional.empty(),
                    receiving ? Optional.of(port) : Optional.empty(), Optional.ofNullable(receiverStatus)));
            return this;
        }

        Node role(RoleSpec spec, Optional<Secret> password) {
            RoleFact existing = roles.get(spec.name());
            boolean scram = PgMajorVersion.atLeast(host.pg().version(), 10);
            roles.put(spec.name(), new RoleFact(spec.name(),
                    spec.superuser().orElse(existing != null && existing.superuser()),
                    spec.login().orElse(existing != null && existing.login()),
                    spec.replication().orElse(existing != null && existing.replication()),
                    spec.createdb().orElse(existing != null && existing.createdb()),
                    spec.createrole().orElse(existing != null && existing.createrole()),
                    spec.connectionLimit().orElse(-1), password.isEmpty() ? "none" : scram ? "scram-sha-256" : "md5",
                    password.filter(p -> scram).map(p -> ScramSha256.verifier(p, "0123456789abcdef".getBytes(), 4096)),
                    password.filter(p -> !scram).map(p -> PasswordVerifier.md5Check(spec.name(), p))));
            return this;
        }

        Node roleFact(RoleFact fact) {
            roles.put(fact.name(), fact);
            return this;
        }

        Node slot(String name, boolean active) {
            slots.add(new SlotFact(name, "physical", active, Optional.of(new Lsn(0x3000000L)),
                    Optional.of("reserved")));
            return this;
        }

        Node noSlot(String name) {
            slots.removeIf(s -> s.name().equals(name));
            return this;
        }

        Node slot(SlotFact slot) {
            slots.add(slot);
            return this;
        }

        /** Files as rendered and settings reported as coming from pgconverge.conf. */
        Node convergedFiles(NodeFiles nodeFiles) {
            var paths = io.pgconverge.model.NodePaths.of(host.pg());
            file(paths.pgconvergeConf(), nodeFiles.pgconvergeConf());
            file(paths.postgresqlConf(), "# initdb's postgresql.conf\nmax_connections = 100\n"
                    + ConfigPlanner.INCLUDE_LINE + "\n");
            file(paths.hbaFile(), nodeFiles.hba());
            nodeFiles.passfile().ifPresent(p -> secretFile(paths.passfile(), p));
            nodeFiles.standbySignal().ifPresent(s -> file(paths.standbySignal(), s));
            nodeFiles.recoveryConf().ifPresent(r -> file(paths.recoveryConf(), r));
            nodeFiles.settings().forEach((name, value) -> {
                SettingFact old = settings.get(name);
                setting(name, value, old == null ? "sighup" : old.context(), "configuration file",
                        paths.pgconvergeConf());
            });
            return this;
        }

        NodeFacts build() {
            var paths = io.pgconverge.model.NodePaths.of(host.pg());
            boolean signal = files.containsKey(paths.standbySignal());
            boolean recoveryConf = files.containsKey(paths.recoveryConf());
            DataDirFacts dataDir = new DataDirFacts(host.pg().dataDir(), initialised || running, initialised,
                    "postgres", initialised ? Optional.of(host.pg().version()) : Optional.empty(),
                    initialised ? Optional.of(systemId) : Optional.empty(),
                    Optional.of(clusterState != null ? clusterState : running ? "in production"
                            : signal || recoveryConf ? "shut down in recovery" : "shut down"),
                    Optional.of(timeline), Optional.of(checkpoint), signal, recoveryConf, walLogHints,
                    walLogHints.map(w -> false));
            int major = host.pg().version();
            int versionNum = PgMajorVersion.atLeast(major, 10) ? major * 10000 + 8 : major * 100 + 8;
            Optional<ServerFacts> server = running ? Optional.of(new ServerFacts(PgMajorVersion.text(major) + ".8",
                    versionNum, systemId, timeline,
                    inRecovery, inRecovery ? Optional.empty() : Optional.of(current),
                    inRecovery ? received : Optional.empty(), inRecovery ? replayed : Optional.empty(), upstream,
                    settings, List.of(), roles, slots, List.of(), Optional.empty(),
                    new ConfigSources(sourceLines, fileSettings), io.pgconverge.facts.ServerConcerns.none()))
                    : Optional.empty();
            return new NodeFacts(host.name(), true, Optional.empty(), Optional.of(new OsFacts("debian", "12",
                    "x86_64", host.name())), Optional.of(host.pg().binDir()), Optional.of(dataDir), files, running,
                    server, Optional.empty(), Optional.empty(), "", Optional.empty())
                    .withLeftovers(new io.pgconverge.facts.EngineLeftovers(Optional.empty(), intent, liveJob));
        }
    }
}
