package io.pgconverge.render;

import io.pgconverge.plan.Plan;
import io.pgconverge.plan.task.Task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The plan's task graph as Graphviz DOT or a Mermaid flowchart: one cluster per node, edges for dependencies. */
public final class GraphRenderer {
    public String dot(Plan plan) {
        StringBuilder out = new StringBuilder("digraph plan {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (String host : plan.hosts()) {
            List<Task> own = plan.tasksOf(host);
            if (own.isEmpty()) {
                continue;
            }
            out.append("  subgraph ").append(quote("cluster_" + host)).append(" {\n    label=").append(quote(host))
                    .append(";\n");
            for (Task t : own) {
                out.append("    ").append(quote(t.id())).append(" [label=").append(quote(label(t))).append("];\n");
            }
            out.append("  }\n");
        }
        for (List<String> edge : plan.graph().edges()) {
            out.append("  ").append(quote(edge.get(0))).append(" -> ").append(quote(edge.get(1))).append(";\n");
        }
        return out.append("}\n").toString();
    }

    public String mermaid(Plan plan) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            names.put(plan.tasks().get(i).id(), "t" + (i + 1));
        }
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (String host : plan.hosts()) {
            List<Task> own = plan.tasksOf(host);
            if (own.isEmpty()) {
                continue;
            }
            out.append("  subgraph h").append(plan.hosts().indexOf(host) + 1).append("[\"").append(mermaidText(host))
                    .append("\"]\n");
            for (Task t : own) {
                out.append("    ").append(names.get(t.id())).append("[\"").append(mermaidText(label(t)))
                        .append("\"]\n");
            }
            out.append("  end\n");
        }
        for (List<String> edge : plan.graph().edges()) {
            out.append("  ").append(names.get(edge.get(0))).append(" --> ").append(names.get(edge.get(1))).append("\n");
        }
        return out.toString();
    }

    private static String label(Task t) {
        return t.action().marker() + " " + t.id() + "\n" + t.summary();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String mermaidText(String text) {
        return text.replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("\n", "<br/>");
    }
}
