package dev.kakapo.examples.macfilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;
import dev.kakapo.server.testing.Perfdhcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built jar, named by path in a Kea configuration, loaded by bin/kakapo-dhcp4: perfdhcp's
 * blocked client is dropped and counted, the other is served, and the filter's commands are in
 * list-commands. In a namespace of the test's own.
 */
class MacFilterHookIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOCKED = "02:00:00:00:00:66";
    private static final String ALLOWED = "02:00:00:00:00:67";

    @TempDir
    Path dir;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("perfdhcp") && Commands.onPath("socat")
                && KakapoProcess.projectRoot() != null, "needs root, perfdhcp, socat and Maven's jvm.options; .ci/run provides them");
        ns = Netns.create("macf");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private static Path builtJar() throws Exception {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "kakapo-example-mac-filter-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-tests.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        }
        throw new AssertionError("the example's jar is not built (mvn package)");
    }

    private Perfdhcp perfdhcp(String mac) throws Exception {
        return new Perfdhcp(ns.run(60, "perfdhcp", "-4", "-l", "127.0.0.250", "-r", "100", "-n", "50", "-R", "1",
                "-b", "mac=" + mac, "-W", "2000000", "127.0.0.1").output());
    }

    private JsonNode command(Path socket, String command) throws Exception {
        Path file = dir.resolve("command.json");
        Files.writeString(file, command);
        return JSON.readTree(ns.exec("sh", "-c", "socat UNIX:" + socket + " - < " + file));
    }

    @Test
    void theJarNamedInTheConfigurationDropsItsClientsAndAddsItsCommands() throws Exception {
        Path socket = dir.resolve("kea4.sock");
        Path config = dir.resolve("kea-dhcp4.conf");
        Files.writeString(config, "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/127.0.0.1\"]},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": false},"
                + "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \"" + socket + "\"},"
                + "\"hooks-libraries\": [{\"library\": \"" + builtJar() + "\", \"parameters\": {\"blocked\": [\"" + BLOCKED + "\"]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/16\", \"pools\": [{\"pool\": \"10.0.0.10-10.0.255.200\"}],"
                + "  \"relay\": {\"ip-addresses\": [\"127.0.0.250\"]}}]}}");
        try (KakapoProcess server = KakapoProcess.start(ns, config, dir.resolve("server.log"))) {
            Perfdhcp blocked = perfdhcp(BLOCKED);
            Perfdhcp allowed = perfdhcp(ALLOWED);
            assertEquals(0, blocked.offerReceived, blocked.output);
            assertEquals(50, allowed.ackReceived, allowed.output);

            JsonNode list = command(socket, "{\"command\": \"mac-filter-list\"}");
            assertEquals(blocked.discoverSent, list.get("arguments").get("dropped").asLong(), list.toString());
            JsonNode drops = command(socket, "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-receive-drop\"}}");
            assertEquals(blocked.discoverSent, drops.get("arguments").get("pkt4-receive-drop").get(0).get(0).asLong(), drops.toString());
            String commands = command(socket, "{\"command\": \"list-commands\"}").get("arguments").toString();
            assertTrue(commands.contains("\"mac-filter-add\"") && commands.contains("\"mac-filter-list\""), commands);

            assertEquals(0, command(socket, "{\"command\": \"mac-filter-del\", \"arguments\": {\"hw-address\": \"" + BLOCKED + "\"}}")
                    .get("result").asInt());
            assertEquals(50, perfdhcp(BLOCKED).ackReceived, "served once unblocked");
            assertEquals(0, server.stop(), server.log());
        }
    }
}
