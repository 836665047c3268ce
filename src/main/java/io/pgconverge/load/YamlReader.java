package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one YAML file into nodes that keep their positions, refusing hostile input with one clear
 * diagnostic: oversized files, bytes that are not UTF-8, tabs, alias bombs, recursion, duplicate keys.
 */
final class YamlReader {
    static final int MAX_BYTES = 3 * 1024 * 1024;
    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_NESTING = 64;

    private YamlReader() {
    }

    /**
     * @param contents what the top-level mapping holds, for messages ("playbook keys", "inventory groups")
     * @throws InputException with the file's problems; nothing of the file is usable then
     */
    static YamlDocument read(Path path, String contents) {
        return parse(path.toString(), text(path), contents);
    }

    /** As {@link #read(Path, String)}, for text already in memory (a file opened from ansible-vault). */
    static YamlDocument parse(String file, String text, String contents) {
        Node root = compose(file, text);
        if (root == null) {
            throw new InputException(new Diagnostic(Mark.of(file), "the file is empty; expected a mapping of " + contents));
        }
        Locator locator = new Locator(file);
        if (!(root instanceof MappingNode mapping)) {
            throw new InputException(new Diagnostic(locator.at(root),
                    "expected a mapping of " + contents + " at the top level, found " + NodeText.describe(root)));
        }
        Diagnostics problems = new Diagnostics();
        problems.addAll(NodeTreeCheck.check(mapping, locator));
        problems.throwIfAny();
        return new YamlDocument(mapping, locator);
    }

    /** The file's text, decoded; one clear error when it cannot be read. */
    static String text(Path path) {
        return TextDecoder.decode(path.toString(), bytes(path, path.toString()));
    }

    private static byte[] bytes(Path path, String file) {
        try {
            if (Files.isDirectory(path)) {
                throw fail(file, "is a directory, not a file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw fail(file, "the file has " + size + " bytes, more than the limit of " + MAX_BYTES
                        + " (3 MB); refusing to read it");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw fail(file, "no such file");
        } catch (AccessDeniedException e) {
            throw fail(file, "cannot read the file: permission denied");
        } catch (IOException e) {
            throw fail(file, "cannot read the file: " + e.getMessage());
        }
    }

    private static InputException fail(String file, String message) {
        return new InputException(new Diagnostic(Mark.of(file), message));
    }

    private static Node compose(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new InputException(SyntaxMessage.of(file, e));
        } catch (ReaderException e) {
            int index = text.offsetByCodePoints(0, Math.min(e.getPosition(), text.codePointCount(0, text.length())));
            throw new InputException(new Diagnostic(TextDecoder.markAt(file, text, index),
                    String.format("character U+%04X is not allowed in a YAML file", e.getCodePoint())));
        } catch (YAMLException e) {
            throw new InputException(SyntaxMessage.of(file, text, e));
        }
    }
}
