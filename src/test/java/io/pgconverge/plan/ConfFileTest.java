package io.pgconverge.plan;

import io.pgconverge.plan.config.ConfFile;
import io.pgconverge.plan.config.ConfigPlanner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfFileTest {
    @Test
    void readsTheFormsPostgresqlAccepts() {
        String text = "# comment\n"
                + "listen_addresses = '*'   # all\n"
                + "Max_Connections 200\n"
                + "archive_command = 'test ! -f /a/%f && cp %p /a/%f'\n"
                + "search_path = '\"$user\", public'\n"
                + "quoted = 'it''s'\n"
                + "escaped = 'back\\'slash'\n"
                + "   shared_buffers=128MB\n"
                + "broken = 'no end\n"
                + "include_if_exists = 'pgconverge.conf'\n";
        List<ConfEntry> entries = ConfFile.parse(text);
        assertEquals(List.of(
                new ConfEntry(2, "listen_addresses", "*"),
                new ConfEntry(3, "max_connections", "200"),
                new ConfEntry(4, "archive_command", "test ! -f /a/%f && cp %p /a/%f"),
                new ConfEntry(5, "search_path", "\"$user\", public"),
                new ConfEntry(6, "quoted", "it's"),
                new ConfEntry(7, "escaped", "back'slash"),
                new ConfEntry(8, "shared_buffers", "128MB"),
                new ConfEntry(10, "include_if_exists", "pgconverge.conf")), entries);
    }

    @Test
    void theLastLineWinsAndIncludesAreNotValues() {
        Map<String, String> values = ConfFile.values("work_mem = 1MB\nwork_mem = 2MB\ninclude 'x.conf'\n");
        assertEquals(Map.of("work_mem", "2MB"), values);
    }

    @Test
    void literalsAreBareOnlyWhenSafe() {
        assertEquals("on", ConfFile.literal("on"));
        assertEquals("128MB", ConfFile.literal("128MB"));
        assertEquals("0.9", ConfFile.literal("0.9"));
        assertEquals("'*'", ConfFile.literal("*"));
        assertEquals("'it''s'", ConfFile.literal("it's"));
        assertEquals("'a\\\\b'", ConfFile.literal("a\\b"));
        assertEquals("it's", ConfFile.parse("x = " + ConfFile.literal("it's")).get(0).value());
        assertEquals("a\\b", ConfFile.parse("x = " + ConfFile.literal("a\\b")).get(0).value());
    }

    @Test
    void recognisesTheIncludeLine() {
        assertTrue(ConfigPlanner.includes("x = 1\ninclude_if_exists = 'pgconverge.conf'\n"));
        assertTrue(ConfigPlanner.includes("include '/etc/postgresql/16/main/pgconverge.conf'\n"));
        assertFalse(ConfigPlanner.includes("#include_if_exists = 'pgconverge.conf'\n"));
        assertFalse(ConfigPlanner.includes("include_dir = 'pgconverge.conf'\n"));
    }
}
