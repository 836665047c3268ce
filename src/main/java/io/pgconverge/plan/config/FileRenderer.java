package io.pgconverge.plan.config;

import java.util.Map;

/**
 * Renders a node file from a named template and an explicit context (the render package's Mustache
 * templates). The planner receives one, so that planning stays pure and free of any template engine: it
 * builds the context, the renderer turns it into text.
 */
@FunctionalInterface
public interface FileRenderer {
    /**
     * @param template file name of the template without extension, e.g. {@code pgconverge.conf}
     * @param context  every variable the template uses; a missing one is an error
     */
    String render(String template, Map<String, Object> context);
}
