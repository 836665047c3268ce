package io.pgconverge.load;

import io.pgconverge.model.Mark;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Ansible INI inventory as Ansible's ini inventory plugin does: {@code [group]} sections of host lines
 * with inline {@code key=value} variables (shell-quoted), {@code [group:vars]} sections of {@code key=value}
 * lines, {@code [group:children]} sections of group names, hosts before any section in {@code ungrouped},
 * host ranges and {@code host:port}, comments from {@code #} or {@code ;}. Values are read as Python literals,
 * as Ansible does: numbers and booleans are typed, quotes are removed, anything else stays text.
 */
final class IniInventoryReader {
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:]+)(?::(\\w+))?]\\s*(?:[#;].*)?");

    private enum State { HOSTS, VARS, CHILDREN }

    private final InventoryDrafts drafts;
    private final String file;
    private final Diagnostics problems;
    private String group = InventoryLoader.UNGROUPED;
    private State state = State.HOSTS;

    private IniInventoryReader(InventoryDrafts drafts, String file, Diagnostics problems) {
        this.drafts = drafts;
        this.file = file;
        this.problems = problems;
    }

    /** Reads every line into {@code drafts}; problems are collected with their line and column. */
    static void read(String file, String text, InventoryDrafts drafts, Diagnostics problems) {
        IniInventoryReader reader = new IniInventoryReader(drafts, file, problems);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            reader.line(lines[i], i + 1);
        }
    }

    private void line(String raw, int number) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
            return;
        }
        int column = raw.indexOf(line.charAt(0)) + 1;
        Mark mark = new Mark(file, number, column);
        if (line.startsWith("[")) {
            section(line, mark);
            return;
        }
        switch (state) {
            case HOSTS -> host(line, mark);
            case VARS -> variable(line, mark);
            case CHILDREN -> child(line, mark);
        }
    }

    private void section(String line, Mark mark) {
        Matcher m = SECTION.matcher(line);
        if (!m.matches()) {
            problems.add(mark, "cannot read the section header " + NodeText.quote(line)
                    + "; write [group], [group:vars] or [group:children]");
            state = State.HOSTS;
            group = null;
            return;
        }
        group = m.group(1).strip();
        String kind = m.group(2);
        if (kind == null || kind.equals("hosts")) {
            state = State.HOSTS;
        } else if (kind.equals("vars")) {
            state = State.VARS;
        } else if (kind.equals("children")) {
            state = State.CHILDREN;
        } else {
            problems.add(mark, "section [" + group + ":" + kind + "] has the unknown type '" + kind
                    + "'; Ansible knows [group], [group:vars] and [group:children]");
            group = null;
            return;
        }
        drafts.group(group);
    }

    private void host(String line, Mark mark) {
        if (group == null) {
            return;
        }
        Optional<List<IniWords.Word>> words = IniWords.split(line, mark, problems);
        if (words.isEmpty() || words.get().isEmpty()) {
            return;
        }
        IniWords.Word name = words.get().get(0);
        Optional<HostPatterns.Expansion> expansion = HostPatterns.expand(name.text());
        if (expansion.isEmpty()) {
            problems.add(name.mark(), "host pattern '" + name.text() + "' has a range that is empty"
                    + " or mixes letters and numbers");
            return;
        }
        for (String host : expansion.get().names()) {
            Map<String, Var> vars = drafts.host(group, host);
            expansion.get().port().ifPresent(p -> vars.put("ansible_port", IniValues.var(Integer.toString(p),
                    name.mark())));
            for (IniWords.Word word : words.get().subList(1, words.get().size())) {
                int eq = word.text().indexOf('=');
                if (eq <= 0) {
                    problems.add(word.mark(), "expected key=value after host '" + name.text() + "', found "
                            + NodeText.quote(word.text()));
                    continue;
                }
                vars.put(word.text().substring(0, eq), IniValues.var(word.text().substring(eq + 1), word.mark()));
            }
        }
    }

    private void variable(String line, Mark mark) {
        if (group == null) {
            return;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
            problems.add(mark, "expected key=value in [" + group + ":vars], found " + NodeText.quote(line));
            return;
        }
        String value = line.substring(eq + 1).strip();
        Mark at = new Mark(file, mark.line(), mark.column() + line.indexOf(value, eq + 1));
        drafts.groupVars(group).put(line.substring(0, eq).strip(), IniValues.var(value, at));
    }

    private void child(String line, Mark mark) {
        if (group == null) {
            return;
        }
        String child = line.split("\\s+[#;]", 2)[0].strip();
        if (!drafts.link(group, child)) {
            problems.add(mark, "group '" + child + "' inside group '" + group + "' makes a loop of groups");
        }
    }
}
