package io.pgconverge.cli;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.EngineException;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Timings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code pgconverge} command line. {@link #run} returns the exit code so tests can call it in-process. */
@Command(name = "pgconverge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Declarative configuration engine for PostgreSQL streaming-replication clusters.")
public final class Main implements Runnable {
    /** The commands, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands(LabCommand.class, CompletionCommand.class,
            ValidateCommand.class, FactsCommand.class, PlanCommand.class, ApplyCommand.class, GraphCommand.class,
            PingCommand.class, StatusCommand.class, UnlockCommand.class);
    private final Map<String, String> environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    public Main() {
        this(System.getenv());
    }

    Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment secrets ({@code env:} references) are read from: the process's, or a test's. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Timings.enabled();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        if (Boolean.getBoolean("pgconverge.cds.preload")) {
            ClassPreload.all();
        }
        System.exit(code);
    }

    /** Runs one command line; prints to out and err only; returns 0, 1 or 2 as the SPEC says. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code environment} instead of the process's. */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main(environment));
        commandsFor(args).forEach(cl::addSubcommand);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println(describe(ex));
            err.flush();
            return ExitCodes.ERROR;
        });
        int code = cl.execute(args);
        if (Timings.enabled()) {
            Timings.entries().forEach(e -> err.printf("timing %7.3f s +%7.3f s  %s%n", e.start().toNanos() / 1e9,
                    e.length().toNanos() / 1e9, e.what()));
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The commands picocli builds a model of for {@code args}: only the one named when a known command is the first
     * word that is not an option (most of a start-up is picocli reading annotations), else all of them (help, an
     * unknown command, completion, which lists them all).
     */
    static List<Class<?>> commandsFor(String... args) {
        Optional<String> first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
        Class<?> named = first.map(COMMANDS::get).orElse(null);
        if (named == null || named == CompletionCommand.class) {
            return List.copyOf(COMMANDS.values());
        }
        return List.of(named);
    }

    private static Map<String, Class<?>> commands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return Collections.unmodifiableMap(byName);
    }

    private static String describe(Exception ex) {
        if (ex instanceof InputException input) {
            return input.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
        }
        if (ex instanceof EngineException) {
            return ex.getMessage().lines().map(l -> "error: " + l).reduce((a, b) -> a + "\n" + b).orElse("error");
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return "error: " + message + " (run with --debug for details)";
    }
}
