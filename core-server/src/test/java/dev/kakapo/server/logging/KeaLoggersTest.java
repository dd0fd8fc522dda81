package dev.kakapo.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.config.LoggerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kea's loggers section drives Logback: names, severities, files that rotate, JSON lines, config-set. */
class KeaLoggersTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private static LoggerConfig logger(String name, String severity, LoggerConfig.Output... outputs) {
        return new LoggerConfig(name, severity, 0, List.of(outputs));
    }

    private static LoggerConfig.Output file(Path file, long maxsize, int maxver, String pattern) {
        return new LoggerConfig.Output(file.toString(), true, maxsize, maxver, pattern);
    }

    @Test
    void keaLoggerNamesSetTheLevelsOfTheKakapoLoggersTheyStandFor() {
        KeaLoggers.apply(List.of(logger("kea-dhcp4", "WARN", file(dir.resolve("all.log"), 0, 0, null)),
                logger("kea-dhcp4.ha-hooks", "DEBUG"), logger("kea-dhcp4.leases", "NONE")), false);
        assertFalse(LoggerFactory.getLogger("dev.kakapo.server.control.ServerCommands").isInfoEnabled());
        assertTrue(LoggerFactory.getLogger("dev.kakapo.server.control.ServerCommands").isWarnEnabled());
        assertTrue(LoggerFactory.getLogger("dev.kakapo.hooks.ha.Relationship").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor").isErrorEnabled(), "NONE is off");
        KeaLoggers.apply(List.of(logger("kea-dhcp4", "INFO")), true);
        assertTrue(LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor").isDebugEnabled(), "-d: DEBUG everywhere");
    }

    @Test
    void aFileLoggerRotatesAtMaxsizeAndKeepsMaxverFiles() throws Exception {
        Path log = dir.resolve("kakapo.log");
        KeaLoggers.apply(List.of(logger("kea-dhcp4", "INFO", file(log, 2_000, 2, null))), false);
        Logger logger = LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor");
        // The file's size is looked at every 100 ms at most: write in bursts with pauses.
        for (int burst = 0; burst < 12; burst++) {
            for (int i = 0; i < 20; i++) {
                logger.info("DHCP4_TEST_LINE line {} of a test that fills the file until it rotates", i);
            }
            Thread.sleep(120);
        }
        assertTrue(Files.exists(log));
        assertTrue(Files.exists(dir.resolve("kakapo.log.1")), "rotated once");
        assertTrue(Files.exists(dir.resolve("kakapo.log.2")), "and twice");
        assertFalse(Files.exists(dir.resolve("kakapo.log.3")), "maxver 2 keeps two");
        assertTrue(Files.size(log) < 6_000, Files.size(log) + " bytes");
        assertTrue(Files.readString(log).contains("INFO  [kakapo-dhcp4/"), Files.readString(log));
    }

    @Test
    void aKeaPatternIsHonoured() throws Exception {
        Path log = dir.resolve("pattern.log");
        KeaLoggers.apply(List.of(logger("kea-dhcp4", "INFO", file(log, 0, 0, "%-5p [%c.%t] %m\n"))), false);
        LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor").info("DHCP4_TEST_LINE hello");
        assertEquals("INFO  [dev.kakapo.server.dhcp.Dhcp4Processor." + Thread.currentThread().getName()
                + "] DHCP4_TEST_LINE hello\n", Files.readString(log));
    }

    @Test
    void patternJsonWritesOneJsonObjectPerLineWithTheMessageId() throws Exception {
        Path log = dir.resolve("json.log");
        KeaLoggers.apply(List.of(logger("kea-dhcp4", "INFO", file(log, 0, 0, "json"))), false);
        LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor").warn("DHCP4_ALLOCATION_FAIL no address for \"{}\"", "x");
        LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor").info("a line without an id");
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("WARN", first.path("level").asText());
        assertEquals("DHCP4_ALLOCATION_FAIL", first.path("id").asText());
        assertEquals("no address for \"x\"", first.path("message").asText());
        assertEquals("dev.kakapo.server.dhcp.Dhcp4Processor", first.path("logger").asText());
        assertTrue(first.path("time").asText().endsWith("Z"));
        assertFalse(new ObjectMapper().readTree(lines.get(1)).has("id"));
    }

    @Test
    void configSetChangesTheSeverityWithoutARestart() throws Exception {
        Path log = dir.resolve("server.log");
        String config = "{\"Dhcp4\": {\"subnet4\": [], \"loggers\": [{\"name\": \"kea-dhcp4\", \"severity\": \"%s\","
                + " \"output_options\": [{\"output\": \"" + log + "\"}]}]}}";
        try (Dhcp4Server server = Dhcp4Server.builder().withoutSockets().configText(String.format(config, "WARN"))
                .onConfigured(applied -> KeaLoggers.apply(applied.loggers(), false)).start()) {
            KeaLoggers.apply(server.config().loggers(), false);
            Logger logger = LoggerFactory.getLogger("dev.kakapo.server.dhcp.Dhcp4Processor");
            assertFalse(logger.isInfoEnabled());
            JsonNode arguments = new ObjectMapper().readTree(String.format(config, "DEBUG"));
            assertEquals(0, server.execute(new CommandRequest("config-set", arguments)).result());
            assertTrue(logger.isDebugEnabled(), "config-set applied the new severity");
            assertTrue(Files.readString(log).contains("DHCP4_CONFIG_COMPLETE"), "and the file gets the lines");
        }
    }
}
