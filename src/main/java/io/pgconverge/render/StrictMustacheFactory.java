package io.pgconverge.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.reflect.Guard;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Mustache for configuration files: values are written as they are (no HTML escaping), and a variable
 * missing from the context is an error, not an empty string.
 */
final class StrictMustacheFactory extends DefaultMustacheFactory {
    StrictMustacheFactory(File root) {
        super(root);
        setObjectHandler(new StrictObjectHandler());
    }

    StrictMustacheFactory(String classpathRoot) {
        super(classpathRoot);
        setObjectHandler(new StrictObjectHandler());
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown while rendering when the template names a variable the context lacks. */
    static final class MissingVariableException extends RuntimeException {
        private final String variable;

        MissingVariableException(String variable) {
            super("missing variable " + variable);
            this.variable = variable;
        }

        String variable() {
            return variable;
        }
    }

    private static final class StrictObjectHandler extends ReflectionObjectHandler {
        @Override
        protected MissingWrapper createMissingWrapper(String name, List<Guard> guards) {
            return new FailingMissingWrapper(name, guards.toArray(new Guard[0]));
        }
    }

    /** Cached by Mustache for a missing name; fails every time it is reached, not only the first. */
    private static final class FailingMissingWrapper extends MissingWrapper {
        private final String name;

        FailingMissingWrapper(String name, Guard[] guards) {
            super(name, guards);
            this.name = name;
        }

        @Override
        public Object call(List<Object> scopes) throws GuardException {
            guardCall(scopes);
            throw new MissingVariableException(name);
        }
    }
}
