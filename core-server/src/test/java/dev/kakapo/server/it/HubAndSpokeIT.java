package dev.kakapo.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import static dev.kakapo.server.testing.InProcessDhcp.await;
import static dev.kakapo.server.testing.InProcessDhcp.dora;
import static dev.kakapo.server.testing.InProcessDhcp.exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed article's deployment, five servers and three hot-standby relationships, in one JVM
 * with its addresses mapped onto loopback: "Kea 1" (127.0.0.11) is the standby hub of server1
 * ("Kea 2", 127.0.0.12) and server3 ("Kea 3", 127.0.0.13); Kea 3 is also the standby of server6
 * ("Kea 4", 127.0.0.14); one backup server (127.0.0.15) is in all three. DHCP is handed to the
 * servers in process, relayed from each subnet's relay address.
 */
class HubAndSpokeIT {

    private static final int PORT = 18000;

    private final Map<String, Dhcp4Server> servers = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        servers.values().forEach(Dhcp4Server::close);
    }

    /** Relationship A: server1 (Kea 2) primary, server2 (Kea 1) standby, server7 backup; subnet 10.28.0.0/24. */
    private static String relationshipA(String self) {
        return relationship(self, 0, "server1", "12", "primary", "server2", "11", "standby", "server7");
    }

    /** Relationship B: server3 (Kea 3) primary, server4 (Kea 1) standby, server8 backup; subnet 10.29.0.0/24. */
    private static String relationshipB(String self) {
        return relationship(self, 1, "server3", "13", "primary", "server4", "11", "standby", "server8");
    }

    /** Relationship C: server6 (Kea 4) primary, server5 (Kea 3) standby, server9 backup; subnet 10.30.0.0/24. */
    private static String relationshipC(String self) {
        return relationship(self, 2, "server5", "13", "standby", "server6", "14", "primary", "server9");
    }

    private static String relationship(String self, int port, String first, String firstHost, String firstRole, String second,
                                       String secondHost, String secondRole, String backup) {
        int p = PORT + port;
        return "{\"this-server-name\": \"" + self + "\", \"mode\": \"hot-standby\", \"heartbeat-delay\": 200,"
                + " \"max-response-delay\": 1000, \"max-ack-delay\": 100, \"max-unacked-clients\": 0, \"peers\": ["
                + "{\"name\": \"" + first + "\", \"url\": \"http://127.0.0." + firstHost + ":" + p + "/\", \"role\": \"" + firstRole + "\"},"
                + "{\"name\": \"" + second + "\", \"url\": \"http://127.0.0." + secondHost + ":" + p + "/\", \"role\": \"" + secondRole + "\"},"
                + "{\"name\": \"" + backup + "\", \"url\": \"http://127.0.0.15:" + p + "/\", \"role\": \"backup\"}]}";
    }

    private static String subnet(int id, String haServerName) {
        return "{\"id\": " + id + ", \"subnet\": \"10." + (27 + id) + ".0.0/24\", \"pools\": [{\"pool\": \"10." + (27 + id)
                + ".0.10-10." + (27 + id) + ".0.250\"}], \"relay\": {\"ip-addresses\": [\"10." + (27 + id) + ".0.1\"]},"
                + " \"user-context\": {\"ha-server-name\": \"" + haServerName + "\"}}";
    }

    private Dhcp4Server start(String name, String relationships, String subnets) throws Exception {
        String config = "{\"Dhcp4\": {\"lease-database\": {\"type\": \"memfile\", \"persist\": false}, \"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"},"
                + "  {\"library\": \"libdhcp_ha.so\", \"parameters\": {\"high-availability\": [" + relationships + "]}}],"
                + "\"subnet4\": [" + subnets + "]}}";
        Dhcp4Server server = Dhcp4Server.builder().withoutSockets().configText(config).start();
        servers.put(name, server);
        return server;
    }

    private Dhcp4Server kea1() throws Exception {
        return start("kea1", relationshipA("server2") + "," + relationshipB("server4"), subnet(1, "server2") + "," + subnet(2, "server4"));
    }

    private Dhcp4Server kea2() throws Exception {
        return start("kea2", relationshipA("server1"), subnet(1, "server1"));
    }

    private Dhcp4Server kea3() throws Exception {
        return start("kea3", relationshipB("server3") + "," + relationshipC("server5"), subnet(2, "server3") + "," + subnet(3, "server5"));
    }

    private Dhcp4Server kea4() throws Exception {
        return start("kea4", relationshipC("server6"), subnet(3, "server6"));
    }

    private Dhcp4Server backup() throws Exception {
        return start("backup", relationshipA("server7") + "," + relationshipB("server8") + "," + relationshipC("server9"),
                subnet(1, "server7") + "," + subnet(2, "server8") + "," + subnet(3, "server9"));
    }

    /** Every relationship's local state on a server, by this server's name in it. */
    private static Map<String, String> states(Dhcp4Server server) {
        Map<String, String> states = new LinkedHashMap<>();
        JsonNode list = server.execute(new CommandRequest("status-get", null)).arguments().path("high-availability");
        for (JsonNode relationship : list) {
            JsonNode local = relationship.path("ha-servers").path("local");
            states.put(local.path("server-name").asText(), local.path("state").asText());
        }
        return states;
    }

    private String allStates() {
        StringBuilder out = new StringBuilder();
        servers.forEach((name, server) -> out.append(name).append(states(server)).append(' '));
        return out.toString();
    }


    private boolean steady() {
        return servers.entrySet().stream().allMatch(e -> states(e.getValue()).values().stream()
                .allMatch(state -> state.equals(e.getKey().equals("backup") ? "backup" : "hot-standby")));
    }

    private static DhcpPacket query(MessageType type, int subnet, int client) {
        Ipv4Address relay = Ipv4Address.parse("10." + (27 + subnet) + ".0.1");
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(subnet * 1000 + client).hops(1).giaddr(relay)
                .hardwareAddress(HardwareAddress.parse(String.format("02:00:00:00:%02x:%02x", subnet, client))).messageType(type);
        query.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        return query;
    }



    @Test
    void theSeedDeploymentServesFailsOverOneRelationshipAloneAndResyncs() throws Exception {
        Dhcp4Server kea1 = kea1();
        kea2();
        Dhcp4Server kea3 = kea3();
        Dhcp4Server kea4 = kea4();
        Dhcp4Server backup = backup();
        await(this::steady, 60, this::allStates);

        Ipv4Address a = dora(servers.get("kea2"), query(MessageType.DISCOVER, 1, 1));
        Ipv4Address b = dora(kea3, query(MessageType.DISCOVER, 2, 1));
        Ipv4Address c = dora(kea4, query(MessageType.DISCOVER, 3, 1));
        assertTrue(kea1.leases().get(a).isPresent() && kea1.leases().get(b).isPresent(), "the hub holds its spokes' leases");
        assertTrue(kea3.leases().get(c).isPresent(), "Kea 3, a standby in relationship C, holds C's lease");
        for (Ipv4Address leased : new Ipv4Address[] {a, b, c}) {
            Ipv4Address address = leased;
            await(() -> backup.leases().get(address).isPresent(), 5, () -> "the backup holds " + address);
        }
        assertNull(exchange(kea1, query(MessageType.DISCOVER, 1, 2), 300), "the hub answers nothing as a standby");
        assertNull(exchange(kea3, query(MessageType.DISCOVER, 3, 2), 300), "Kea 3 answers nothing in relationship C");
        assertNotNull(exchange(kea3, query(MessageType.DISCOVER, 2, 2), 3000), "Kea 3 answers its own subnet in relationship B");

        // Kea 2 goes: only relationship A fails over, on the hub; B stays in hot-standby.
        servers.remove("kea2").close();
        await(() -> states(kea1).equals(Map.of("server2", "partner-down", "server4", "hot-standby")), 20,
                () -> "only A fails over: " + states(kea1));
        Ipv4Address meanwhile = dora(kea1, query(MessageType.DISCOVER, 1, 3));
        assertNull(exchange(kea1, query(MessageType.DISCOVER, 2, 4), 300), "the hub still leaves B's clients to server3");

        // Kea 2 returns, synchronises from the hub, and the deployment is steady again.
        Dhcp4Server kea2 = kea2();
        await(this::steady, 60, this::allStates);
        assertTrue(kea2.leases().get(meanwhile).isPresent(), "the returning server has the lease the hub gave meanwhile");
        assertTrue(kea2.leases().get(a).isPresent());
        assertTrue(kea2.leases().get(b).isEmpty(), "relationship A's sync brings only A's leases");
        await(() -> backup.leases().get(meanwhile).isPresent(), 5, () -> "the backup holds the hub's lease too");
    }
}
