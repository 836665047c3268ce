package io.pgconverge.cli;

import io.pgconverge.plan.Plan;
import io.pgconverge.render.JsonPlanRenderer;
import io.pgconverge.render.MarkdownPlanRenderer;
import io.pgconverge.render.TextPlanRenderer;

/** The formats a plan is shown in. */
public enum PlanFormat {
    TEXT, JSON, MARKDOWN;

    String render(Plan plan, boolean color) {
        switch (this) {
            case JSON:
                return new JsonPlanRenderer().render(plan);
            case MARKDOWN:
                return new MarkdownPlanRenderer().render(plan);
            default:
                return new TextPlanRenderer(color).render(plan);
        }
    }
}
