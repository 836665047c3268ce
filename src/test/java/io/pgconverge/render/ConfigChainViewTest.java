package io.pgconverge.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgconverge.facts.FileFact;
import io.pgconverge.facts.NodeFacts;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigChainViewTest {
    private static final String CONF = "/etc/postgresql/15/main";

    private static NodeFacts node() {
        Map<String, FileFact> files = new LinkedHashMap<>();
        file(files, CONF + "/postgresql.conf", "port = 5432\ninclude_dir = 'conf.d'\ninclude 'late.conf'\n"
                + "include_if_exists = 'pgconverge.conf'\ninclude '../../elsewhere.conf'\n");
        files.put(CONF + "/conf.d", new FileFact(CONF + "/conf.d", true, Optional.empty(), "postgres", "0755"));
        file(files, CONF + "/conf.d/b.conf", "work_mem = '8MB'\n");
        file(files, CONF + "/conf.d/a.conf", "# first\nshared_buffers = 16384\n");
        file(files, CONF + "/conf.d/.hidden.conf", "work_mem = 1MB\n");
        file(files, CONF + "/late.conf", "work_mem = 16MB\n");
        file(files, CONF + "/pgconverge.conf", "work_mem = 4MB\n");
        return new NodeFacts("node2", true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                files, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void file(Map<String, FileFact> files, String path, String content) {
        files.put(path, new FileFact(path, true, Optional.of(content), "postgres", "0644"));
    }

    @Test
    void textListsTheFilesInReadingOrderWithTheirSettingsAndProblems() {
        NodeFacts n = node();
        assertEquals(CONF + "/postgresql.conf: port = '5432' (line 1), include_dir = 'conf.d' (line 2), include = "
                + "'late.conf' (line 3), include_if_exists = 'pgconverge.conf' (line 4), include = "
                + "'../../elsewhere.conf' (line 5)\n"
                + "  " + CONF + "/conf.d/a.conf (include_dir at " + CONF + "/postgresql.conf line 2): shared_buffers = "
                + "'16384' (line 2)\n"
                + "  " + CONF + "/conf.d/b.conf (include_dir at " + CONF + "/postgresql.conf line 2): work_mem = '8MB' "
                + "(line 1)\n"
                + "  " + CONF + "/late.conf (include at " + CONF + "/postgresql.conf line 3): work_mem = '16MB' (line 1)\n"
                + "problem: " + CONF + "/postgresql.conf line 5: include '../../elsewhere.conf' points outside the "
                + "configuration directory " + CONF, ConfigChainView.text(n, ConfigChainView.of(n).orElseThrow()));
    }

    @Test
    void jsonNamesWhereEachFileWasIncluded() throws Exception {
        NodeFacts n = node();
        JsonNode json = new ObjectMapper().readTree(ConfigChainView.json(n, ConfigChainView.of(n).orElseThrow())
                .toString());
        JsonNode late = json.path("files").get(3);
        assertEquals(CONF + "/late.conf", late.path("path").asText());
        assertEquals("include", late.path("directive").asText());
        assertEquals(CONF + "/postgresql.conf", late.path("included_from").asText());
        assertEquals(3, late.path("line").asInt());
        assertEquals("work_mem", late.path("settings").get(0).path("name").asText());
        assertEquals(1, late.path("settings").get(0).path("line").asInt());
        assertTrue(json.path("files").get(0).path("included_from").isNull());
        assertEquals(1, json.path("problems").size());
    }
}
