package io.pgconverge.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class of the engine without initialising it, for bin/pgconverge's run that writes the class-data
 * archive as the JVM exits ({@code -Dpgconverge.cds.preload=true}): the archive then holds the classes of every
 * command, not only those the command of that first run happened to use (a first {@code facts} would otherwise leave
 * the planner's classes to be loaded from the jar by every later {@code plan}).
 */
final class ClassPreload {
    private static final String PREFIX = "io/pgconverge/";

    private ClassPreload() {
    }

    static void all() {
        CodeSource source = ClassPreload.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return;
        }
        try (JarFile jar = new JarFile(Path.of(source.getLocation().toURI()).toFile())) {
            ClassLoader loader = ClassPreload.class.getClassLoader();
            jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(PREFIX) && n.endsWith(".class"))
                    .forEach(n -> load(n.substring(0, n.length() - ".class".length()).replace('/', '.'), loader));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // not run from a jar (tests, an IDE): nothing to archive
        }
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // a class that cannot be loaded here is simply not archived
        }
    }
}
