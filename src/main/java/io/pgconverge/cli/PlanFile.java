package io.pgconverge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgconverge.facts.ClusterFacts;
import io.pgconverge.facts.FactsFingerprint;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.Sha256;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.task.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A saved plan: the inputs it was made from (playbook, inventory, extra vars, templates, each file's digest),
 * a fingerprint of the facts per node, and the ids of its tasks. {@code apply --plan} re-reads the same inputs,
 * gathers facts again, refuses when anything differs (a stale plan), and runs the plan made again from them.
 */
record PlanFile(String playbook, String inventory, List<String> extraVars, Optional<String> templates, boolean force,
                Optional<String> limit, String playbookDigest, String inventoryDigest, Map<String, String> facts, List<String> taskIds) {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static PlanFile of(ClusterOptions cluster, PlanMixin plan, Optional<String> limit, ClusterFacts facts,
                       Plan made) {
        return new PlanFile(cluster.playbook().toAbsolutePath().toString(),
                cluster.inventory().toAbsolutePath().toString(), cluster.extraVars(),
                plan.templates().map(p -> p.toAbsolutePath().toString()), plan.options().force(), limit,
                digest(cluster.playbook()),
                digest(cluster.inventory()), FactsFingerprint.of(facts), made.tasks().stream().map(Task::id).toList());
    }

    void write(Path path) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("playbook", playbook).put("playbook_sha256", playbookDigest);
        root.put("inventory", inventory).put("inventory_sha256", inventoryDigest);
        extraVars.forEach(root.putArray("extra_vars")::add);
        root.withArray("extra_vars");
        templates.ifPresent(t -> root.put("templates", t));
        if (force) {
            root.put("force", true);
        }
        limit.ifPresent(l -> root.put("limit", l));
        ObjectNode f = root.putObject("facts");
        facts.forEach(f::put);
        taskIds.forEach(root.putArray("tasks")::add);
        root.withArray("tasks");
        try {
            Files.writeString(path, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new EngineException("Cannot write the plan file " + path + ": " + e.getMessage(), e);
        }
    }

    static PlanFile read(Path path) {
        try {
            JsonNode root = JSON.readTree(Files.readString(path));
            if (root == null || root.path("format_version").asInt() != FORMAT_VERSION) {
                throw new EngineException(path + " is not a plan file saved by pgconverge plan --out.");
            }
            Map<String, String> facts = new LinkedHashMap<>();
            root.path("facts").fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
            return new PlanFile(root.path("playbook").asText(), root.path("inventory").asText(),
                    strings(root.path("extra_vars")), Optional.ofNullable(root.get("templates")).map(JsonNode::asText),
                    root.path("force").asBoolean(false), Optional.ofNullable(root.get("limit")).map(JsonNode::asText),
                    root.path("playbook_sha256").asText(), root.path("inventory_sha256").asText(), facts,
                    strings(root.path("tasks")));
        } catch (IOException e) {
            throw new EngineException("Cannot read the plan file " + path + ": " + e.getMessage(), e);
        }
    }

    /** What changed since the plan was saved, one sentence each; empty when the plan still holds. */
    List<String> staleness(ClusterFacts now) {
        List<String> changes = new ArrayList<>();
        if (!digest(Path.of(playbook)).equals(playbookDigest)) {
            changes.add("the playbook " + playbook + " changed");
        }
        if (!digest(Path.of(inventory)).equals(inventoryDigest)) {
            changes.add("the inventory " + inventory + " changed");
        }
        Map<String, String> current = FactsFingerprint.of(now);
        facts.forEach((host, d) -> {
            if (!d.equals(current.get(host))) {
                changes.add("the facts of " + host + " changed");
            }
        });
        current.keySet().stream().filter(h -> !facts.containsKey(h)).forEach(h -> changes.add(h + " is new"));
        return changes;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    static String digest(Path file) {
        try {
            return Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new EngineException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
