package io.pgconverge.render;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.pgconverge.model.EngineException;
import io.pgconverge.plan.config.FileRenderer;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Renders node files from Mustache templates named {@code NAME.mustache}: from the user's directory
 * ({@code --templates DIR}) when it has that template, else from the built-in copies on the classpath
 * (the repository's templates/). No HTML escaping; a variable missing from the context is an error.
 */
public final class TemplateRenderer implements FileRenderer {
    private static final String CLASSPATH_ROOT = "templates";
    private final Optional<Path> directory;
    private final StrictMustacheFactory builtIn = new StrictMustacheFactory(CLASSPATH_ROOT);
    private final Optional<StrictMustacheFactory> user;

    private TemplateRenderer(Optional<Path> directory) {
        this.directory = directory;
        this.user = directory.map(d -> new StrictMustacheFactory(d.toFile()));
    }

    /** The templates shipped with the engine. */
    public static TemplateRenderer builtIn() {
        return new TemplateRenderer(Optional.empty());
    }

    /** The user's templates in {@code directory}, the built-in ones for any it does not have. */
    public static TemplateRenderer from(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new EngineException("The templates directory " + directory + " does not exist.");
        }
        return new TemplateRenderer(Optional.of(directory));
    }

    @Override
    public String render(String template, Map<String, Object> context) {
        String file = template + ".mustache";
        Mustache mustache = compile(file);
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, context);
        } catch (StrictMustacheFactory.MissingVariableException e) {
            throw missing(file, e);
        } catch (MustacheException e) {
            if (e.getCause() instanceof StrictMustacheFactory.MissingVariableException) {
                throw missing(file, (StrictMustacheFactory.MissingVariableException) e.getCause());
            }
            throw new EngineException("Template " + where(file) + " could not be rendered: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private Mustache compile(String file) {
        try {
            if (user.isPresent() && Files.isRegularFile(directory.orElseThrow().resolve(file))) {
                return user.get().compile(file);
            }
            return builtIn.compile(file);
        } catch (MustacheException e) {
            throw new EngineException("Template " + where(file) + " could not be read: " + e.getMessage(), e);
        }
    }

    private EngineException missing(String file, StrictMustacheFactory.MissingVariableException e) {
        return new EngineException("Template " + where(file) + " uses {{" + e.variable()
                + "}}, which its context does not have.", e);
    }

    private String where(String file) {
        if (directory.isPresent() && Files.isRegularFile(directory.get().resolve(file))) {
            return directory.get().resolve(file).toString();
        }
        return file + " (built in)";
    }
}
