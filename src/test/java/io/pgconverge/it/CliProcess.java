package io.pgconverge.it;

import io.pgconverge.lab.LabExtension.RunningLab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar as an operator would: a separate process with its own environment (the playbook's secrets),
 * standard input closed, output captured.
 */
public final class CliProcess {
    public static final Path JAR = Path.of("target/pgconverge.jar");
    private final Map<String, String> env = new HashMap<>();
    private String osUser = "";

    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public CliProcess() {
        env.put("PGC_REPL_PASSWORD", "it-repl-secret-1");
        env.put("PGC_POSTGRES_PASSWORD", "it-postgres-secret-1");
        env.put("PGC_PGPOOL_PASSWORD", "it-pgpool-secret-1");
    }

    public CliProcess with(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs the CLI as another OS user of this machine (through runuser; the tests run as root for that). */
    public CliProcess as(String user) {
        this.osUser = user;
        return this;
    }

    public String secret(String name) {
        return env.get(name);
    }

    /** The playbook and inventory arguments for a lab. */
    public static List<String> labArgs(RunningLab lab) {
        return List.of("playbooks/ha-cluster.yml", "-i", lab.inventory().toString());
    }

    public Result run(List<String> args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after mvn package");
        }
        List<String> command = new ArrayList<>();
        if (!osUser.isEmpty()) {
            command.addAll(List.of("runuser", "-u", osUser, "--")); // keeps the environment: secrets stay off the command line
        }
        command.addAll(List.of("java", "-jar", JAR.toString()));
        command.addAll(args);
        command.addAll(versionOverride(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("NO_COLOR", "1");
        try {
            Path out = Files.createTempFile("pgc-out", ".txt");
            Path err = Files.createTempFile("pgc-err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("pgconverge " + args + " did not finish in 10 minutes");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The reference playbook says PostgreSQL 15; on a lab of another version (scripts/test --all-versions) a command
     * that reads a playbook gets {@code -e postgres.version=N}, as an operator would write it.
     */
    private static List<String> versionOverride(List<String> args) {
        int version = io.pgconverge.lab.TestLabs.pgVersion();
        boolean readsPlaybook = args.stream().anyMatch(a -> a.endsWith(".yml") && !a.contains("inventor"))
                && !args.contains("--plan");
        return version != 15 && readsPlaybook ? List.of("-e", "postgres.version=" + version) : List.of();
    }

    /** {@code apply --yes} on the lab (with {@code more} arguments), which must succeed. */
    public Result converge(RunningLab lab, String... more) {
        List<String> args = new ArrayList<>(List.of("--yes"));
        args.addAll(List.of(more));
        Result r = run(lab, "apply", args.toArray(String[]::new));
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r.all());
        return r;
    }

    /** {@code command} with another playbook than the reference one, on the lab's inventory. */
    public Result run(Path playbook, RunningLab lab, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, playbook.toString(), "-i", lab.inventory().toString()));
        args.addAll(List.of(more));
        return run(args);
    }

    public Result run(RunningLab lab, String command, String... more) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(labArgs(lab));
        args.addAll(List.of(more));
        return run(args);
    }
}
