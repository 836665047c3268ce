package io.pgconverge.plan.config;

import io.pgconverge.model.Cluster;
import io.pgconverge.model.DesiredState;
import io.pgconverge.model.HbaRule;
import io.pgconverge.model.IdentMap;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.ReplicationSpec;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.topology.TopologySettings;
import io.pgconverge.plan.topology.Upstreams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a node's engine-owned files from templates, with explicit contexts:
 * <ul>
 * <li>{@code pgconverge.conf}: {@code host}, {@code pg_version}, {@code settings} and {@code recovery}
 *     (lists of {@code name}/{@code value}, values already in file syntax), {@code has_recovery};</li>
 * <li>{@code pg_hba.conf}: {@code header} and {@code rules} (each with {@code type}, {@code database},
 *     {@code user}, {@code address}, {@code method}, {@code options} and the aligned {@code line});</li>
 * <li>{@code recovery.conf}: {@code host}, {@code pg_version}, {@code recovery};</li>
 * <li>{@code pgconverge.pgpass}: {@code entries}, each with its escaped {@code line};</li>
 * <li>{@code standby.signal}: {@code host}.</li>
 * </ul>
 */
public final class DesiredFiles {
    private final Cluster cluster;
    private final ResolvedSecrets secrets;
    private final FileRenderer renderer;
    private final Upstreams upstreams;

    /** The files of a cluster as the playbook declares it, every declared upstream serving. */
    public DesiredFiles(Cluster cluster, ResolvedSecrets secrets, FileRenderer renderer) {
        this(cluster, secrets, renderer, Upstreams.declared(cluster));
    }

    /** The files this plan writes: standbys' primary_conninfo names the node each streams from now. */
    public DesiredFiles(Cluster cluster, ResolvedSecrets secrets, FileRenderer renderer, Upstreams upstreams) {
        this.cluster = cluster;
        this.secrets = secrets;
        this.renderer = renderer;
        this.upstreams = upstreams;
    }

    public NodeFiles of(Host host) {
        int version = host.pg().version();
        boolean standby = !host.name().equals(cluster.desired().primary()) && cluster.desired().replication().isPresent();
        Optional<Secret> password = replicationPassword();
        Map<String, String> settings = new LinkedHashMap<>(DesiredSettings.common(cluster.desired(), version));
        TopologySettings.synchronous(cluster.desired(), host.name()).forEach(settings::putIfAbsent);
        Map<String, String> recovery = standby
                ? new LinkedHashMap<>(DesiredSettings.recovery(cluster, host, upstreams.sourceOf(host.name()), password)) : Map.of();
        if (standby) {
            TopologySettings.applyDelay(cluster.desired(), host.name())
                    .ifPresent(d -> recovery.put("recovery_min_apply_delay", d));
        }
        boolean modern = PgMajorVersion.atLeast(version, 12);
        Map<String, String> inConf = new LinkedHashMap<>(settings);
        Map<String, Object> confContext = base(host);
        confContext.put("settings", entries(settings));
        confContext.put("recovery", entries(modern ? recovery : Map.of()));
        confContext.put("has_recovery", modern && !recovery.isEmpty());
        if (modern) {
            inConf.putAll(recovery);
        }
        String conf = renderer.render("pgconverge.conf", confContext);
        Optional<String> recoveryConf = Optional.empty();
        Optional<String> signal = Optional.empty();
        if (standby && modern) {
            signal = Optional.of(renderer.render("standby.signal", base(host)));
        } else if (standby) {
            Map<String, Object> context = base(host);
            context.put("recovery", entries(recovery));
            recoveryConf = Optional.of(renderer.render("recovery.conf", context));
        }
        Optional<String> passfile = password.filter(p -> PgMajorVersion.atLeast(version, 10)).map(this::passfile);
        boolean passwordInRecoveryConf = recoveryConf.isPresent() && password.isPresent()
                && !PgMajorVersion.atLeast(version, 10);
        return new NodeFiles(inConf, conf, hba(host), recoveryConf, signal, passfile, passwordInRecoveryConf,
                ident(host));
    }

    /**
     * The files of {@code host} while it is, for a while, a standby of {@code upstream} (the primary's restart by
     * handover): pgconverge.conf follows {@code upstream}, without a slot, since {@code upstream} has none for it.
     */
    public NodeFiles standbyOf(Host host, String upstream) {
        DesiredState d = cluster.desired();
        DesiredState handedOver = new DesiredState(d.source(), d.group(), upstream, d.pgVersion(), d.settings(),
                d.archive(), d.hba(), d.roles(), d.replication().map(r -> new ReplicationSpec(r.user(), false,
                r.slotNames())), d.marks(), d.ident(), d.topology());
        return new DesiredFiles(new Cluster(handedOver, cluster.members()), secrets, renderer).of(host);
    }

    /** The replication role's password, when the playbook has replication and gives that role one. */
    public Optional<Secret> replicationPassword() {
        return cluster.desired().replication().flatMap(r -> cluster.desired().roles().stream()
                .filter(role -> role.name().equals(r.user())).findFirst())
                .flatMap(RoleSpec::password).map(secrets::get);
    }

    private String passfile(Secret password) {
        String user = cluster.desired().replication().orElseThrow().user();
        Map<String, Object> entry = Map.of("line", PgpassLine.replication(user, password.reveal()).strip());
        return renderer.render("pgconverge.pgpass", Map.of("entries", List.of(entry)));
    }

    /** pg_ident.conf, in the playbook's order, when the playbook declares ident maps. */
    private Optional<String> ident(Host host) {
        List<IdentMap> maps = cluster.desired().ident();
        if (maps.isEmpty()) {
            return Optional.empty();
        }
        int map = width(maps.stream().map(IdentMap::map).toList(), 16);
        int system = width(maps.stream().map(IdentMap::systemUser).toList(), 24);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (IdentMap m : maps) {
            lines.add(Map.of("map", m.map(), "system_user", m.systemUser(), "database_user", m.databaseUser(),
                    "line", pad(m.map(), map) + pad(m.systemUser(), system) + m.databaseUser()));
        }
        Map<String, Object> context = base(host);
        context.put("header", pad("# MAPNAME", map) + pad("SYSTEM-USERNAME", system) + "PG-USERNAME");
        context.put("maps", lines);
        return Optional.of(renderer.render("pg_ident.conf", context));
    }

    private String hba(Host host) {
        List<HbaRule> rules = cluster.desired().hba();
        int type = width(rules.stream().map(HbaRule::type).toList(), 8);
        int database = width(rules.stream().map(HbaRule::database).toList(), 16);
        int user = width(rules.stream().map(HbaRule::user).toList(), 16);
        int address = width(rules.stream().map(r -> r.address().orElse("")).toList(), 24);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (HbaRule rule : rules) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", rule.type());
            line.put("database", rule.database());
            line.put("user", rule.user());
            line.put("address", rule.address().orElse(""));
            line.put("method", rule.method());
            line.put("options", rule.options().orElse(""));
            String text = pad(rule.type(), type) + pad(rule.database(), database) + pad(rule.user(), user)
                    + pad(rule.address().orElse(""), address) + rule.method() + rule.options().map(o -> " " + o).orElse("");
            line.put("line", text.stripTrailing());
            lines.add(line);
        }
        Map<String, Object> context = base(host);
        context.put("header", (pad("# TYPE", type) + pad("DATABASE", database) + pad("USER", user)
                + pad("ADDRESS", address) + "METHOD").stripTrailing());
        context.put("rules", lines);
        return renderer.render("pg_hba.conf", context);
    }

    private Map<String, Object> base(Host host) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("host", host.name());
        context.put("pg_version", PgMajorVersion.text(host.pg().version()));
        return context;
    }

    private static List<Map<String, Object>> entries(Map<String, String> values) {
        List<Map<String, Object>> list = new ArrayList<>();
        values.forEach((name, value) -> list.add(Map.of("name", name, "value", ConfFile.literal(value))));
        return list;
    }

    private static int width(List<String> values, int minimum) {
        return Math.max(minimum, values.stream().mapToInt(String::length).max().orElse(0) + 1);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length()));
    }
}
