package io.pgconverge.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgconverge.model.EngineException;
import io.pgconverge.plan.Notice;
import io.pgconverge.plan.Plan;
import io.pgconverge.plan.PlanSummary;
import io.pgconverge.plan.task.Detail;
import io.pgconverge.plan.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan as JSON for machines, following the schema in docs/plan.md ({@code format_version} 1). Keys come
 * in a fixed order, so equal plans give byte-identical documents. Secrets are never in it: SQL appears in its
 * shown form, sensitive file contents are left out.
 */
public final class JsonPlanRenderer {
    public static final int FORMAT_VERSION = 1;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format_version", FORMAT_VERSION);
        doc.put("playbook", plan.playbook());
        doc.put("hosts", plan.hosts());
        doc.put("has_changes", plan.hasChanges());
        doc.put("refused", plan.refused());
        doc.put("summary", summary(plan.summary(), plan.hasChanges()));
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            tasks.add(task(plan, plan.tasks().get(i), i + 1));
        }
        doc.put("tasks", tasks);
        doc.put("warnings", notices(plan.warnings()));
        doc.put("refusals", notices(plan.refusals()));
        doc.put("needs_yes", notices(plan.needsYes()));
        try {
            return mapper.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new EngineException("The plan could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> summary(PlanSummary s, boolean changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("add", s.add());
        m.put("change", s.change());
        m.put("remove", s.remove());
        m.put("run", s.run());
        m.put("restarts", s.restarts());
        m.put("text", changes ? s.line() : TextPlanRenderer.NO_CHANGES);
        return m;
    }

    private static Map<String, Object> task(Plan plan, Task task, int step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("id", task.id());
        m.put("host", task.host());
        m.put("kind", task.kind().label());
        m.put("action", task.action().name().toLowerCase(Locale.ROOT));
        m.put("marker", task.action().marker());
        m.put("summary", task.summary());
        m.put("reason", task.reason());
        m.put("depends_on", List.copyOf(plan.graph().dependencies(task.id())));
        List<Object> details = new ArrayList<>();
        task.details().forEach(d -> details.add(detail(d)));
        m.put("details", details);
        return m;
    }

    private static Map<String, Object> detail(Detail detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (detail instanceof Detail.FileChange) {
            Detail.FileChange f = (Detail.FileChange) detail;
            m.put("type", "file");
            m.put("path", f.path());
            m.put("sensitive", f.sensitive());
            m.put("before", f.sensitive() ? null : f.before().orElse(null));
            m.put("after", f.sensitive() ? null : f.after().orElse(null));
            m.put("diff", String.join("\n", UnifiedDiff.of(f)));
        } else if (detail instanceof Detail.Sql) {
            m.put("type", "sql");
            m.put("statements", ((Detail.Sql) detail).statements());
        } else if (detail instanceof Detail.Commands) {
            m.put("type", "commands");
            m.put("commands", ((Detail.Commands) detail).commands());
            String runAs = ((Detail.Commands) detail).runAs();
            m.put("run_as", runAs.isEmpty() ? null : runAs);
        } else {
            m.put("type", "note");
            m.put("text", ((Detail.Note) detail).text());
        }
        return m;
    }

    private static List<Object> notices(List<Notice> notices) {
        List<Object> list = new ArrayList<>();
        for (Notice n : notices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", n.host().orElse(null));
            m.put("message", n.message());
            list.add(m);
        }
        return list;
    }
}
