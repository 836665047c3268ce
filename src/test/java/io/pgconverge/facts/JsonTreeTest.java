package io.pgconverge.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTreeTest {
    /** The same tree as Jackson's ObjectMapper makes, for every facts document the tests hold and odd values. */
    @Test
    void readsWhatObjectMapperReads() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> docs = List.of(Fixtures.text("sql-15-primary.json"), Fixtures.text("sql-15-standby.json"),
                Fixtures.text("sql-95-standby.json"),
                "{\"a\": [1, -2, 3000000000, 123456789012345678901234567890, 0.5, 1e-3, true, false, null,"
                        + " \"x\\u00e9\\n\"], \"b\": {}, \"c\": [], \"d\": {\"e\": {\"f\": [[]]}}}");
        for (String doc : docs) {
            assertEquals(mapper.readTree(doc), JsonTree.read(doc));
        }
    }

    @Test
    void emptyTextIsNoDocumentAndBrokenTextAnError() {
        assertNull(assertDoesNotThrowRead(""));
        assertThrows(IOException.class, () -> JsonTree.read("{\"a\": "));
        assertThrows(IOException.class, () -> JsonTree.read("{} {}"));
        assertThrows(IOException.class, () -> JsonTree.read("not json"));
    }

    private static Object assertDoesNotThrowRead(String text) {
        try {
            return JsonTree.read(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
