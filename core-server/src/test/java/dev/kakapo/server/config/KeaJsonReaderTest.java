package dev.kakapo.server.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeaJsonReaderTest {

    private final KeaJsonReader reader = new KeaJsonReader();

    @Test
    void acceptsKeasCommentsAndTrailingCommas() throws ConfigException {
        String text = String.join("\n",
                "# a shell comment",
                "{ // a C++ comment",
                "  \"Dhcp4\": { /* a C comment */",
                "    \"valid-lifetime\": 600,",
                "    \"subnet4\": [ { \"id\": 1, \"subnet\": \"10.0.0.0/8\", }, ],",
                "  },",
                "}");
        JsonDocument doc = reader.read(text, "c.json");
        assertEquals(600, doc.root().path("Dhcp4").path("valid-lifetime").asInt());
        assertEquals(new SourceLocation(4, 23), doc.locate("Dhcp4.valid-lifetime"));
        assertEquals(new SourceLocation(5, 39), doc.locate("Dhcp4.subnet4[0].subnet"));
    }

    @Test
    void locatesAMissingKeyAtItsEnclosingMap() throws ConfigException {
        JsonDocument doc = reader.read("{\n \"Dhcp4\": {\n  \"subnet4\": [ {} ] } }", "c.json");
        assertEquals(new SourceLocation(3, 16), doc.locate("Dhcp4.subnet4[0].pools[3].pool"));
    }

    @Test
    void refusesDuplicateKeysAndSaysWhereTheFirstWas() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.read("{\"Dhcp4\": {\"valid-lifetime\": 1,\n \"valid-lifetime\": 2}}", "c.json"));
        ConfigProblem problem = e.errors().get(0);
        assertEquals("Dhcp4.valid-lifetime", problem.path());
        assertEquals(2, problem.location().line());
        assertTrue(problem.message().contains("first at line 1, column 12"), problem.message());
    }

    @Test
    void reportsBrokenJsonWithItsPosition() {
        ConfigException e = assertThrows(ConfigException.class, () -> reader.read("{\"Dhcp4\": {\n  \"a\": 1 \"b\": 2 }}", "c.json"));
        ConfigProblem problem = e.errors().get(0);
        assertEquals(2, problem.location().line());
        assertTrue(problem.message().startsWith("JSON syntax error"), problem.message());
        assertThrows(ConfigException.class, () -> reader.read("", "c.json"));
        assertThrows(ConfigException.class, () -> reader.read("{} {}", "c.json"));
    }
}
