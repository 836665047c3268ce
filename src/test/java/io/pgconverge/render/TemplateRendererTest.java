package io.pgconverge.render;

import io.pgconverge.model.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {
    @TempDir
    Path dir;

    @Test
    void writesValuesWithoutHtmlEscaping() {
        String text = TemplateRenderer.builtIn().render("pgconverge.conf", Map.of(
                "settings", List.of(Map.of("name", "archive_command", "value", "'test ! -f /a/%f && cp %p /a/%f'")),
                "recovery", List.of(), "has_recovery", false));
        assertTrue(text.contains("archive_command = 'test ! -f /a/%f && cp %p /a/%f'\n"), text);
        assertTrue(!text.contains("This node is a standby"), text);
    }

    @Test
    void aMissingVariableIsAnErrorEveryTime() {
        TemplateRenderer renderer = TemplateRenderer.builtIn();
        Map<String, Object> context = Map.of("settings", List.of(), "recovery", List.of());
        for (int i = 0; i < 2; i++) {
            EngineException e = assertThrows(EngineException.class, () -> renderer.render("pgconverge.conf", context));
            assertEquals("Template pgconverge.conf.mustache (built in) uses {{has_recovery}}, "
                    + "which its context does not have.", e.getMessage());
        }
    }

    @Test
    void theUsersDirectoryWinsAndBuiltInsFillTheRest() throws Exception {
        Files.writeString(dir.resolve("standby.signal.mustache"), "custom {{host}} <&>\n");
        TemplateRenderer renderer = TemplateRenderer.from(dir);
        assertEquals("custom node2 <&>\n", renderer.render("standby.signal", Map.of("host", "node2")));
        assertTrue(renderer.render("pgconverge.pgpass", Map.of("entries", List.of(Map.of("line", "x"))))
                .endsWith("\nx\n"));
    }

    @Test
    void anUnknownTemplateIsNamed() {
        EngineException e = assertThrows(EngineException.class,
                () -> TemplateRenderer.builtIn().render("nope", Map.of()));
        assertTrue(e.getMessage().startsWith("Template nope.mustache (built in) could not be read"), e.getMessage());
    }
}
