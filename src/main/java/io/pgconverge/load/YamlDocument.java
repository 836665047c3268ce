package io.pgconverge.load;

import org.yaml.snakeyaml.nodes.MappingNode;

/** A YAML file composed into nodes (positions kept), whose top level is a mapping. */
final class YamlDocument {
    private final MappingNode root;
    private final Locator locator;

    YamlDocument(MappingNode root, Locator locator) {
        this.root = root;
        this.locator = locator;
    }

    MappingNode root() {
        return root;
    }

    Locator locator() {
        return locator;
    }

    String file() {
        return locator.file();
    }
}
