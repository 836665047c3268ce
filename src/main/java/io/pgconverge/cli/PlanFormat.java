package io.pgconverge.cli;

import io.pgconverge.plan.Plan;
import io.pgconverge.render.TextPlanRenderer;

import java.util.Locale;

/** The formats a plan is shown in. */
public enum PlanFormat {
    TEXT, JSON, MARKDOWN;

    String render(Plan plan, boolean color) {
        switch (this) {
            case TEXT:
                return new TextPlanRenderer(color).render(plan);
            default:
                throw new io.pgconverge.model.EngineException("--format " + name().toLowerCase(Locale.ROOT)
                        + " is not available yet.");
        }
    }
}
