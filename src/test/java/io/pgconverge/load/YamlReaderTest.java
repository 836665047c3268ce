package io.pgconverge.load;

import io.pgconverge.model.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class YamlReaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("input.yml");
        Files.writeString(file, text);
        return file;
    }

    private List<String> problems(Path file) {
        InputException e = assertThrows(InputException.class, () -> YamlReader.read(file, "keys"));
        return e.diagnostics().stream().map(Object::toString).toList();
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsParsed() throws IOException {
        Path file = dir.resolve("huge.yml");
        byte[] line = "key_with_padding: 0123456789012345678901234567890123456789\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(file)) {
            for (int written = 0; written <= YamlReader.MAX_BYTES; written += line.length) {
                out.write(line);
            }
        }
        assertEquals(List.of(file + ": the file has " + Files.size(file) + " bytes, more than the limit of 3145728"
                + " (3 MB); refusing to read it"), problems(file));
    }

    @Test
    void aliasesThatExpandTooFarAreRefusedEvenWithinTheAliasCount() throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x]\n");
        for (int i = 1; i <= 15; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        Path file = write(yaml.toString());
        assertEquals(List.of(file + ":1:1: aliases expand the document to more than 100000 values; refusing a"
                + " possible alias bomb"), problems(file));
    }

    @Test
    void moderateAliasesAndMergeKeysAreFine() throws IOException {
        Path file = write("base: &b { x: 1 }\none: { <<: *b, y: 2 }\ntwo: [*b, *b]\n");
        assertEquals(3, YamlReader.read(file, "keys").root().getValue().size());
    }

    @Test
    void deepNestingIsRefusedAtItsPosition() throws IOException {
        Path file = write("a: " + "[".repeat(70) + "]".repeat(70) + "\n");
        assertEquals(List.of(file + ":1:67: lists and mappings nested more than 64 levels deep; refusing the file"),
                problems(file));
    }

    @Test
    void aByteOrderMarkIsAcceptedAndUtf16IsNot() throws IOException {
        Path bom = dir.resolve("bom.yml");
        Files.write(bom, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1', '\n'});
        assertEquals(1, YamlReader.read(bom, "keys").root().getValue().size());
        Path utf16 = dir.resolve("utf16.yml");
        Files.write(utf16, "a: 1\n".getBytes(StandardCharsets.UTF_16));
        assertEquals(List.of(utf16 + ":1:1: byte 0xFE is not valid UTF-8; save the file as UTF-8"), problems(utf16));
    }

    @Test
    void keysMustBeNamesAndAppearOnce() throws IOException {
        Path file = write("? [a, b]\n: 1\nx: 1\nnested: { y: 1, y: 2 }\nx: 2\n");
        assertEquals(List.of(file + ":1:3: a key must be a name, found a list",
                file + ":4:17: duplicate key 'y' (first at line 4, column 11)",
                file + ":5:1: duplicate key 'x' (first at line 3, column 1)"), problems(file));
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertEquals(List.of(dir + ": is a directory, not a file"), problems(dir));
    }
}
