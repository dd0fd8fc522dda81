package dev.kakapo.server.it;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The control channel as operators' scripts use it against bin/kakapo-dhcp4: socat and jq on the
 * unix socket, curl on the HTTP socket, config-set serving a new subnet to perfdhcp at once, and
 * shutdown with an exit value. Everything in a namespace of the test's own.
 */
class ControlChannelIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Netns ns;
    private Path socket;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("perfdhcp") && Commands.onPath("socat") && Commands.onPath("jq")
                        && Commands.onPath("curl") && KakapoProcess.projectRoot() != null,
                "needs root, perfdhcp, socat, jq, curl and Maven's jvm.options; .ci/run provides them");
        ns = Netns.create("ctl");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
        ns.exec("ip", "addr", "add", "127.0.0.251/8", "dev", "lo");
        socket = dir.resolve("kea4-ctrl-socket");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private String dhcp4(String subnets) {
        return "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/127.0.0.1\"]},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + dir.resolve("leases4.csv") + "\"},"
                + "\"control-sockets\": [{\"socket-type\": \"unix\", \"socket-name\": \"" + socket + "\"},"
                + "  {\"socket-type\": \"http\", \"socket-address\": \"127.0.0.1\", \"socket-port\": 8000,"
                + "   \"authentication\": {\"type\": \"basic\", \"clients\": [{\"user\": \"admin\", \"password\": \"1234\"}]}}],"
                + "\"valid-lifetime\": 3600,"
                + "\"subnet4\": [" + subnets + "]}}";
    }

    private static String subnet(int id, String relay) {
        return "{\"id\": " + id + ", \"subnet\": \"10." + id + ".0.0/16\", \"pools\": [{\"pool\": \"10." + id + ".0.10-10." + id
                + ".255.200\"}], \"relay\": {\"ip-addresses\": [\"" + relay + "\"]}}";
    }

    /** The operator's line: echo COMMAND | socat UNIX:SOCKET - | jq. */
    private JsonNode socat(String command) throws Exception {
        Path file = dir.resolve("command.json");
        Files.writeString(file, command);
        String out = ns.exec("sh", "-c", "socat UNIX:" + socket + " - < " + file + " | jq -c .");
        return JSON.readTree(out);
    }

    private String curl(String... credentials) throws Exception {
        String auth = credentials.length == 0 ? "" : " -u " + credentials[0];
        return ns.exec("sh", "-c", "curl -s -o /dev/null -w '%{http_code}'" + auth + " -X POST -H 'Content-Type: application/json'"
                + " -d '{\"command\": \"status-get\"}' http://127.0.0.1:8000/").trim();
    }

    @Test
    void operatorsScriptsWorkAndConfigSetServesANewSubnetAtOnce() throws Exception {
        Path config = dir.resolve("kea-dhcp4.conf");
        Files.writeString(config, dhcp4(subnet(1, "127.0.0.250")));
        try (KakapoProcess server = KakapoProcess.start(ns, config, dir.resolve("server.log"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            JsonNode status = socat("{\"command\": \"status-get\"}");
            assertEquals(0, status.get("result").asInt(), status.toString());
            assertEquals(server.pid(), status.get("arguments").get("pid").asLong());
            for (String field : new String[] {"uptime", "reload", "multi-threading-enabled", "thread-pool-size",
                    "packet-queue-size", "packet-queue-statistics", "sockets"}) {
                assertTrue(status.get("arguments").has(field), field + " in " + status);
            }
            assertEquals("401", curl());
            assertEquals("200", curl("admin:1234"));

            String next = dhcp4(subnet(1, "127.0.0.250") + ", " + subnet(2, "127.0.0.251"));
            JsonNode set = socat("{\"command\": \"config-set\", \"arguments\": " + next + "}");
            assertEquals(0, set.get("result").asInt(), set.toString());
            Perfdhcp run = new Perfdhcp(ns.run(60, "perfdhcp", "-4", "-l", "127.0.0.251", "-r", "200", "-n", "400",
                    "-R", "100000", "-W", "2000000", "127.0.0.1").output());
            assertEquals(400, run.ackReceived, "every client of the new subnet served:\n" + run.output + server.log());
            assertTrue(socat("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"subnet[2].assigned-addresses\"}}")
                    .get("arguments").get("subnet[2].assigned-addresses").get(0).get(0).asLong() >= 400);

            JsonNode broken = socat("{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {\"subnet4\": [{\"id\": 1}]}}}");
            assertEquals(1, broken.get("result").asInt());
            assertTrue(broken.get("text").asText().contains("Dhcp4.subnet4[0]"), broken.toString());
            assertEquals(2, socat("{\"command\": \"config-get\"}").get("arguments").get("Dhcp4").get("subnet4").size(),
                    "the old configuration keeps serving");

            assertEquals("Shutting down.", socat("{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": 3}}").get("text").asText());
            assertEquals(3, server.awaitExit(30), server.log());
        }
        assertTrue(Files.notExists(socket), "the socket file is removed");
    }

    @Test
    void sighupReloadsTheConfigurationFileAsKeaDoes() throws Exception {
        Path config = dir.resolve("kea-dhcp4.conf");
        Files.writeString(config, dhcp4(subnet(1, "127.0.0.250")));
        // SIGHUP at its default: a JVM that inherits it ignored (the tests run under nohup, say)
        // leaves it ignored whatever handler it is asked to install, as nohup means it to.
        try (KakapoProcess server = KakapoProcess.start(ns, config, dir.resolve("server.log"),
                List.of("env", "--default-signal=HUP"))) {
            Files.writeString(config, dhcp4(subnet(1, "127.0.0.250") + ", " + subnet(2, "127.0.0.251")));
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start().waitFor());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (socat("{\"command\": \"config-get\"}").get("arguments").get("Dhcp4").get("subnet4").size() != 2) {
                assertTrue(System.nanoTime() < deadline, "the file was reloaded:\n" + server.log());
                Thread.sleep(100);
            }
            assertTrue(server.log().contains("kakapo-dhcp4: SIGHUP: "), server.log());
            assertEquals(0, server.stop(), server.log());
        }
    }
}
