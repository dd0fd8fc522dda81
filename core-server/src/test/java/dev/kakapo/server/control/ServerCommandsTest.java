package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.server.testing.ScriptedHookLibrary;
import dev.kakapo.server.testing.TestHookLibraries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's own commands, answered as kea-dhcp4 answers them, on an in-process server. */
class ServerCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.1");
    private static final String HOOKS = "\"hooks-libraries\": [{\"library\": \"scripted\", \"parameters\": "
            + "{\"commands\": [\"x-echo\"], \"throwing-commands\": [\"x-fail\"]}}]";

    @TempDir
    Path dir;
    private HookLibraryCatalog catalog;
    private Dhcp4Server server;
    private CommandDispatcher dispatcher;
    private final AtomicInteger exitValue = new AtomicInteger(-1);
    private Path configFile;

    private static String config(String subnets, String extras) {
        return "{\"Dhcp4\": {\"valid-lifetime\": 3600, \"lease-database\": {\"type\": \"memfile\", \"persist\": false}, " + extras + (extras.isEmpty() ? "" : ", ")
                + "\"subnet4\": [" + subnets + "]}}";
    }

    private static String subnet(int id) {
        return "{\"id\": " + id + ", \"subnet\": \"10." + id + ".0.0/24\", \"pools\": [{\"pool\": \"10." + id + ".0.10-10." + id
                + ".0.19\"}], \"relay\": {\"ip-addresses\": [\"10." + id + ".0.1\"]}}";
    }

    @BeforeEach
    void start() throws Exception {
        ScriptedHookLibrary.reset();
        catalog = TestHookLibraries.catalog(dir.resolve("hooks"));
        configFile = dir.resolve("kea-dhcp4.conf");
        Files.writeString(configFile, config(subnet(1), HOOKS));
        server = Dhcp4Server.builder().withoutSockets().hooks(catalog)
                .configFile(configFile).start();
        dispatcher = new ServerCommands(server, catalog, configFile, exitValue::set).dispatcher();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CommandAnswer run(String request) throws Exception {
        return dispatcher.dispatch(JSON.readTree(request));
    }

    private DhcpPacket discoverVia(String relay) {
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(7).hops(1).giaddr(Ipv4Address.parse(relay))
                .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:07")).messageType(MessageType.DISCOVER);
        query.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        byte[] answer = server.handle(DhcpCodec.encode(query, 576), Inbound.via("eth0", SERVER, Ipv4Address.parse(relay), 67));
        return answer == null ? null : DhcpCodec.decode(answer).packet();
    }

    @Test
    void listsItsOwnCommandsAndTheHookLibrariesSorted() throws Exception {
        CommandAnswer answer = run("{\"command\": \"list-commands\"}");
        List<String> names = new ArrayList<>();
        answer.arguments().forEach(n -> names.add(n.asText()));
        assertTrue(names.containsAll(ServerCommands.NAMES));
        assertTrue(names.contains("x-echo"));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertEquals("scripted answered x-echo", run("{\"command\": \"x-echo\"}").text());
    }

    @Test
    void answersUnknownCommandsAndBadEnvelopesWithKeasCodes() throws Exception {
        CommandAnswer unknown = run("{\"command\": \"lease4-get\"}");
        assertEquals(2, unknown.result());
        assertEquals("'lease4-get' command not supported.", unknown.text());
        assertEquals("Error during command processing: Received command contains unsupported parameter 'extra'",
                run("{\"command\": \"status-get\", \"extra\": 1}").text(), "Kea 2.2's words");
        assertEquals(1, run("{\"arguments\": {}}").result());
        assertEquals("Error during command processing: Invalid command Element specified, expected map", run("[1, 2]").text());
        CommandAnswer failed = run("{\"command\": \"x-fail\"}");
        assertEquals(1, failed.result());
        assertTrue(failed.text().contains("told to fail"), failed.text());
    }

    @Test
    void statusGetReportsTheProcessAndTheServiceState() throws Exception {
        JsonNode status = run("{\"command\": \"status-get\"}").arguments();
        assertEquals(ProcessHandle.current().pid(), status.get("pid").asLong());
        assertTrue(status.has("uptime") && status.has("reload") && status.has("multi-threading-enabled"));
        assertEquals(3, status.get("packet-queue-statistics").size(), status.toString());
        assertEquals("ready", status.get("sockets").get("status").asText());
        assertFalse(status.get("dhcp-state").get("globally-disabled").asBoolean());
    }

    @Test
    void configSetServesANewSubnetAtOnceAndReloadsTheHookLibraries() throws Exception {
        assertNull(discoverVia("10.2.0.1"), "no subnet 2 yet");
        String next = config(subnet(1) + ", " + subnet(2), HOOKS);
        CommandAnswer answer = run("{\"command\": \"config-set\", \"arguments\": " + next + "}");
        assertEquals(0, answer.result(), answer.text());
        assertEquals("Configuration successful.", answer.text());
        assertEquals(answer.arguments().get("hash"), run("{\"command\": \"config-hash-get\"}").arguments().get("hash"));
        DhcpPacket offer = discoverVia("10.2.0.1");
        assertNotNull(offer);
        assertTrue(offer.yiaddr().toString().startsWith("10.2.0."), offer.yiaddr().toString());
        assertTrue(ScriptedHookLibrary.LOADED.containsKey("scripted"));
        assertEquals(2, run("{\"command\": \"config-get\"}").arguments().get("Dhcp4").get("subnet4").size());
    }

    @Test
    void aNewLfcIntervalKeepsThePersistedStoreOpenWithItsLeases() throws Exception {
        Path leases = dir.resolve("leases4.csv");
        String persisted = "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + leases + "\", "
                + "\"lfc-interval\": %d}";
        String first = config(subnet(1), String.format(persisted, 3600)).replace("\"lease-database\": {\"type\": \"memfile\", \"persist\": false}, ", "");
        assertEquals(0, run("{\"command\": \"config-set\", \"arguments\": " + first + "}").result());
        DhcpPacket offer = discoverVia("10.1.0.1");
        assertNotNull(offer);
        server.leases().put(new Lease4(offer.yiaddr(), HardwareAddress.parse("02:00:00:00:00:07"), null, 3600, 1_800_000_000L, 1,
                false, false, "", LeaseState.DEFAULT, null, 0));
        String second = first.replace("\"lfc-interval\": 3600", "\"lfc-interval\": 60");
        CommandAnswer answer = run("{\"command\": \"config-set\", \"arguments\": " + second + "}");
        assertEquals(0, answer.result(), "the store is not opened a second time beside itself: " + answer.text());
        assertTrue(server.leases().get(offer.yiaddr()).isPresent(), "the lease is still served from the same store");
    }

    @Test
    void aBrokenConfigSetNamesTheProblemAndTheOldConfigurationKeepsServing() throws Exception {
        JsonNode hashBefore = run("{\"command\": \"config-hash-get\"}").arguments().get("hash");
        String broken = config(subnet(1).replace("10.1.0.19", "10.1.0.300"), HOOKS);
        CommandAnswer answer = run("{\"command\": \"config-set\", \"arguments\": " + broken + "}");
        assertEquals(1, answer.result());
        assertTrue(answer.text().contains("Dhcp4.subnet4[0].pools[0].pool"), answer.text());
        assertEquals(hashBefore, run("{\"command\": \"config-hash-get\"}").arguments().get("hash"));
        assertNotNull(discoverVia("10.1.0.1"), "still serving");
    }

    @Test
    void aConfigSetRefusedByAHookRestoresTheOldConfigurationAndItsLibraries() throws Exception {
        String refused = config(subnet(2), "\"hooks-libraries\": [{\"library\": \"scripted\", \"parameters\": "
                + "{\"name\": \"picky\", \"dhcp4_srv_configured\": \"DROP\"}}]");
        CommandAnswer answer = run("{\"command\": \"config-set\", \"arguments\": " + refused + "}");
        assertEquals(1, answer.result());
        assertTrue(answer.text().contains("dhcp4_srv_configured"), answer.text());
        assertNotNull(discoverVia("10.1.0.1"), "the old configuration serves again");
        assertEquals("scripted answered x-echo", run("{\"command\": \"x-echo\"}").text(), "with its libraries");
        assertFalse(ScriptedHookLibrary.LOADED.containsKey("picky"));
    }

    @Test
    void configTestChecksWithoutApplying() throws Exception {
        String next = config(subnet(1) + ", " + subnet(2), "");
        CommandAnswer answer = run("{\"command\": \"config-test\", \"arguments\": " + next + "}");
        assertEquals(0, answer.result(), answer.text());
        assertTrue(answer.text().startsWith("Configuration seems sane."));
        assertNull(discoverVia("10.2.0.1"), "not applied");
        assertEquals("Missing mandatory 'arguments' parameter.", run("{\"command\": \"config-test\"}").text());
        assertEquals("Missing mandatory 'Dhcp4' parameter.", run("{\"command\": \"config-test\", \"arguments\": {}}").text());
        assertEquals("Unsupported 'Dhcp6' parameter.",
                run("{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {}, \"Dhcp6\": {}}}").text());
    }

    @Test
    void configReloadReadsTheFileAgain() throws Exception {
        Files.writeString(configFile, config(subnet(1) + ", " + subnet(2), ""));
        CommandAnswer answer = run("{\"command\": \"config-reload\"}");
        assertEquals(0, answer.result(), answer.text());
        assertNotNull(discoverVia("10.2.0.1"));
        Files.writeString(configFile, "{ not json");
        CommandAnswer broken = run("{\"command\": \"config-reload\"}");
        assertEquals(1, broken.result());
        assertTrue(broken.text().startsWith("Config reload failed: "), broken.text());
    }

    @Test
    void configWriteWritesAConfigurationTheServerLoads() throws Exception {
        Path written = dir.resolve("written.json");
        CommandAnswer answer = run("{\"command\": \"config-write\", \"arguments\": {\"filename\": \"" + written + "\"}}");
        assertEquals(0, answer.result(), answer.text());
        assertEquals(Files.size(written), answer.arguments().get("size").asLong());
        try (Dhcp4Server again = Dhcp4Server.builder().withoutSockets().hooks(catalog).configFile(written).start()) {
            assertEquals(1, again.config().subnets().size());
        }
    }

    @Test
    void dhcpDisableDropsPacketsUntilItsOriginEnablesAgain() throws Exception {
        assertEquals("DHCPv4 service disabled", run("{\"command\": \"dhcp-disable\"}").text());
        assertEquals(0, run("{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"ha-partner\"}}").result());
        assertNull(discoverVia("10.1.0.1"));
        run("{\"command\": \"dhcp-enable\"}");
        JsonNode state = run("{\"command\": \"status-get\"}").arguments().get("dhcp-state");
        assertTrue(state.get("globally-disabled").asBoolean(), "the partner's disable still holds");
        assertEquals("[2000]", state.get("disabled-by-remote-command").toString());
        assertNull(discoverVia("10.1.0.1"));
        run("{\"command\": \"dhcp-enable\", \"arguments\": {\"origin-id\": 2000}}");
        assertNotNull(discoverVia("10.1.0.1"));
        assertEquals("'max-period' must be positive integer",
                run("{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 0}}").text());
        assertEquals("invalid value used for 'origin' parameter: x",
                run("{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"x\"}}").text());
    }

    @Test
    void statisticsAreReportedResetAndRemovedByName() throws Exception {
        assertNotNull(discoverVia("10.1.0.1"));
        JsonNode received = run("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-received\"}}")
                .arguments().get("pkt4-received");
        assertEquals(1, received.get(0).get(0).asLong());
        assertTrue(received.get(0).get(1).asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), received.toString());
        assertEquals("{}", run("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"nope\"}}").arguments().toString());
        assertEquals("Statistic 'pkt4-received' reset.",
                run("{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"pkt4-received\"}}").text());
        assertEquals("No 'nope' statistic found",
                run("{\"command\": \"statistic-remove\", \"arguments\": {\"name\": \"nope\"}}").text());
        run("{\"command\": \"statistic-remove-all\"}");
        assertEquals(0, run("{\"command\": \"statistic-get-all\"}").arguments().size());
        discoverVia("10.1.0.1");
        assertTrue(run("{\"command\": \"statistic-get-all\"}").arguments().has("pkt4-received"), "back with its next event");
        assertEquals("Missing mandatory 'name' parameter.", run("{\"command\": \"statistic-get\"}").text());
    }

    @Test
    void shutdownPassesItsExitValueOn() throws Exception {
        assertEquals(1, run("{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": \"x\"}}").result());
        assertEquals("Shutting down.", run("{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": 3}}").text());
        assertEquals(3, exitValue.get());
    }

    @Test
    void leasesReclaimNeedsItsRemoveFlag() throws Exception {
        assertEquals("Missing mandatory 'remove' parameter.", run("{\"command\": \"leases-reclaim\"}").text());
        assertEquals("'remove' parameter expected to be a boolean.",
                run("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": 1}}").text());
        assertEquals("Reclamation of expired leases is complete.",
                run("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": true}}").text());
    }

    @Test
    void commandProcessedCalloutsMayChangeTheAnswer() throws Exception {
        String annotated = config(subnet(1), "\"hooks-libraries\": [{\"library\": \"scripted\", \"parameters\": {\"annotate\": \" (seen)\"}}]");
        assertEquals(0, run("{\"command\": \"config-set\", \"arguments\": " + annotated + "}").result());
        assertEquals("Shutting down. (seen)", run("{\"command\": \"shutdown\"}").text());
    }

    @Test
    void hookLibrariesCannotTakeTheServersCommandNames() throws Exception {
        String greedy = config(subnet(1), "\"hooks-libraries\": [{\"library\": \"scripted\", \"parameters\": {\"commands\": [\"status-get\"]}}]");
        CommandAnswer answer = run("{\"command\": \"config-set\", \"arguments\": " + greedy + "}");
        assertEquals(1, answer.result());
        assertTrue(answer.text().contains("'status-get' is already registered"), answer.text());
    }
}
