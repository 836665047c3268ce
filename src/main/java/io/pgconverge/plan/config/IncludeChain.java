package io.pgconverge.plan.config;

import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import io.pgconverge.plan.ConfEntry;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The configuration files of a node in the order PostgreSQL reads them: postgresql.conf, then depth first
 * every file an {@code include}, {@code include_if_exists} or {@code include_dir} pulls in (a directory's
 * files ending in {@code .conf}, not hidden, in C order). The engine's own pgconverge.conf is left out.
 * What PostgreSQL would refuse or what the engine will not follow is a problem: an include outside the
 * configuration directory, a cycle, an {@code include} of a missing or unreadable file.
 *
 * @param files    every file read, postgresql.conf first
 * @param problems each naming file and line
 */
public record IncludeChain(List<ConfigFile> files, List<String> problems) {
    private static final int MAX_DEPTH = 8;

    public IncludeChain {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * One file of the chain.
     *
     * @param path      as PostgreSQL resolves it, normalised
     * @param factPath  the key of the file in the node's facts
     * @param directive the directive that pulled it in ({@code config_file} for postgresql.conf)
     * @param parent    the including file and line; empty for postgresql.conf
     */
    public record ConfigFile(String path, String factPath, int depth, String directive, Optional<String> parent,
                             int line) {
        public String origin() {
            return parent.map(p -> directive + " at " + p + " line " + line).orElse("config_file");
        }
    }

    public static IncludeChain of(NodeFacts facts, String postgresqlConf, String engineFile) {
        Walk walk = new Walk(facts, parentOf(postgresqlConf), normal(engineFile));
        walk.files.add(new ConfigFile(normal(postgresqlConf), postgresqlConf, 0, "config_file", Optional.empty(), 0));
        walk.visit(postgresqlConf, 0);
        return new IncludeChain(walk.files, walk.problems);
    }

    /** The chain's files after postgresql.conf. */
    public List<ConfigFile> included() {
        return files.subList(Math.min(1, files.size()), files.size());
    }

    private static final class Walk {
        private final NodeFacts facts;
        private final String configDir;
        private final String engineFile;
        private final List<ConfigFile> files = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Deque<String> stack = new ArrayDeque<>();

        Walk(NodeFacts facts, String configDir, String engineFile) {
            this.facts = facts;
            this.configDir = configDir;
            this.engineFile = engineFile;
        }

        void visit(String factPath, int depth) {
            Optional<String> text = facts.file(factPath).content();
            if (text.isEmpty() || depth >= MAX_DEPTH) {
                return;
            }
            stack.push(normal(factPath));
            for (ConfEntry e : ConfFile.parse(text.get())) {
                if (ConfFile.isInclude(e.name())) {
                    follow(factPath, e, depth);
                }
            }
            stack.pop();
        }

        private void follow(String including, ConfEntry e, int depth) {
            String target = e.value().startsWith("/") ? e.value() : parentOf(including) + "/" + e.value();
            String where = normal(including) + " line " + e.line() + ": " + e.name() + " '" + e.value() + "'";
            if (normal(target).equals(engineFile)) {
                return;
            }
            if (!normal(target).equals(configDir) && !normal(target).startsWith(configDir + "/")) {
                problems.add(where + " points outside the configuration directory " + configDir);
                return;
            }
            List<String> targets = e.name().equals("include_dir") ? directory(target) : List.of(target);
            for (String t : targets) {
                if (stack.contains(normal(t))) {
                    problems.add(where + " makes an include cycle: " + cycle(normal(t)));
                    continue;
                }
                FileFact file = facts.file(t);
                if (file.exists() && file.content().isEmpty()) {
                    problems.add(where + ": " + normal(t) + " cannot be read");
                } else if (!file.exists() && e.name().equals("include")) {
                    problems.add(where + ": " + normal(t) + " does not exist");
                }
                if (file.exists()) {
                    files.add(new ConfigFile(normal(t), t, depth + 1, e.name(), Optional.of(normal(including)), e.line()));
                    visit(t, depth + 1);
                }
            }
        }

        private List<String> directory(String dir) {
            String prefix = dir + "/";
            return facts.files().keySet().stream().filter(p -> p.startsWith(prefix))
                    .filter(p -> p.indexOf('/', prefix.length()) < 0).filter(p -> p.endsWith(".conf"))
                    .filter(p -> !p.startsWith(prefix + ".")).sorted().toList();
        }

        private String cycle(String back) {
            List<String> path = new ArrayList<>(stack);
            java.util.Collections.reverse(path);
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(back), path.size()));
            loop.add(back);
            return String.join(" -> ", loop);
        }
    }

    private static String parentOf(String path) {
        Path parent = Path.of(path).getParent();
        return parent == null ? "/" : parent.toString();
    }

    private static String normal(String path) {
        return Path.of(path).normalize().toString();
    }
}
