package io.pgconverge.load;

import java.util.Locale;
import java.util.Set;

/** YAML 1.1 booleans, as SnakeYAML and Ansible resolve them (yes/no, on/off, true/false). */
final class YamlBooleans {
    private static final Set<String> TRUE = Set.of("y", "yes", "true", "on");

    private YamlBooleans() {
    }

    static boolean isTrue(String text) {
        return TRUE.contains(text.toLowerCase(Locale.ROOT));
    }
}
