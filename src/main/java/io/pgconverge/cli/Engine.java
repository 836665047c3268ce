package io.pgconverge.cli;

import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.FactGatherer;
import io.pgconverge.facts.GatherOptions;
import io.pgconverge.load.SecretResolver;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.RoleSpec;
import io.pgconverge.model.Secret;
import io.pgconverge.model.SecretRef;
import io.pgconverge.model.Timings;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.PlanOptions;
import io.pgconverge.plan.PlanLimit;
import io.pgconverge.plan.Planner;
import io.pgconverge.plan.access.SaltSource;
import io.pgconverge.plan.config.ResolvedSecrets;
import io.pgconverge.render.TemplateRenderer;
import io.pgconverge.transport.PgSessionOpener;
import io.pgconverge.transport.RemoteShells;
import io.pgconverge.transport.ShellOpener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Wires the pipeline for the commands: secrets, shells, fact gathering, planning. */
final class Engine {
    static final String ADMIN_ROLE = "postgres";
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final Cluster cluster;
    private final ResolvedSecrets secrets;
    private final BecomePasswords becomePasswords;

    private Engine(Cluster cluster, ResolvedSecrets secrets, BecomePasswords becomePasswords) {
        this.cluster = cluster;
        this.secrets = secrets;
        this.becomePasswords = becomePasswords;
    }

    /** Loads and validates the cluster of the command's options and resolves the secrets it references. */
    static Engine load(ClusterOptions options) {
        try (Timings.Span span = Timings.span("load playbook, inventory and secrets")) {
            return of(options.loadCluster(), options.secrets());
        }
    }

    /** Resolves every secret the playbook references. */
    static Engine of(Cluster cluster, SecretResolver resolver) {
        Map<SecretRef, Secret> values = new LinkedHashMap<>();
        List<RoleSpec> roles = cluster.desired().roles();
        for (int i = 0; i < roles.size(); i++) {
            Optional<SecretRef> ref = roles.get(i).password();
            if (ref.isPresent()) {
                values.put(ref.get(), resolver.resolve(ref.get(), cluster.desired().markOf("roles[" + i + "].password")));
            }
        }
        return new Engine(cluster, new ResolvedSecrets(values), BecomePasswords.resolve(cluster.members(), resolver));
    }

    Cluster cluster() {
        return cluster;
    }

    ResolvedSecrets secrets() {
        return secrets;
    }

    /** Shells through each host's privilege escalation, with its become password when it has one. */
    ShellOpener shells() {
        return (host, timeout) -> RemoteShells.open(host, timeout, becomePasswords.of(host.name()));
    }

    /** psql over the node's shell as its OS user; the admin role's password in a passfile where peer is refused. */
    PgSessionOpener sessions() {
        Optional<Secret> admin = cluster.desired().roles().stream().filter(r -> r.name().equals(ADMIN_ROLE))
                .findFirst().flatMap(r -> secrets.find(r.password()));
        return PgSessionOpener.psql(admin, QUERY_TIMEOUT);
    }

    ClusterFacts gather(GatherOptions options) {
        return gather(options, shells());
    }

    /** Facts read through the given shells (an apply's own, so that it connects to each node once). */
    ClusterFacts gather(GatherOptions options, ShellOpener opener) {
        try (Timings.Span span = Timings.span("facts of every node")) {
            return new FactGatherer(opener, sessions(), options).gather(cluster);
        }
    }

    /** This engine with only the hosts a {@code --limit} selects (facts and status of part of a cluster). */
    Engine only(Optional<String> limit, ClusterOptions options) {
        if (limit.isEmpty()) {
            return this;
        }
        List<String> hosts = options.selector(cluster).select(limit.get());
        return new Engine(new Cluster(cluster.desired(), cluster.members().stream()
                .filter(h -> hosts.contains(h.name())).toList()), secrets, becomePasswords);
    }

    /**
     * The plan cut down to the hosts a {@code --limit} selects.
     *
     * @throws io.pgconverge.model.InputException when the limit matches nothing
     */
    Plan limited(Plan plan, Optional<String> limit, ClusterOptions options) {
        if (limit.isEmpty()) {
            return plan;
        }
        return PlanLimit.apply(plan, options.selector(cluster).select(limit.get()));
    }

    Plan plan(ClusterFacts facts, Optional<Path> templates, PlanOptions options) {
        try (Timings.Span span = Timings.span("plan")) {
            TemplateRenderer renderer = templates.map(TemplateRenderer::from).orElseGet(TemplateRenderer::builtIn);
            return new Planner(renderer, SaltSource.secureRandom()).plan(cluster, facts, secrets, options);
        }
    }
}
