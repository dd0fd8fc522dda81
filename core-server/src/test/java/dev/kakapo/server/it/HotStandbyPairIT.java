package dev.kakapo.server.it;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.testing.Ports;
import static dev.kakapo.server.testing.InProcessDhcp.await;
import static dev.kakapo.server.testing.InProcessDhcp.dora;
import static dev.kakapo.server.testing.InProcessDhcp.exchange;
import static dev.kakapo.server.testing.InProcessDhcp.haState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Kakapo servers in hot-standby, in one JVM, their HA listeners on 127.0.0.1 and 127.0.0.2,
 * DHCP handed to them in process: they negotiate to hot-standby, the primary's ACK waits for the
 * standby's copy of the lease, the standby answers nothing, the standby takes over when the
 * primary is gone, and a returning primary synchronises and both go back to hot-standby.
 */
class HotStandbyPairIT {

    private static final Ipv4Address RELAY = Ipv4Address.parse("10.1.0.1");

    @TempDir
    Path dir;
    private Dhcp4Server primary;
    private Dhcp4Server standby;
    private int primaryPort;
    private int standbyPort;

    @AfterEach
    void stop() {
        for (Dhcp4Server server : new Dhcp4Server[] {primary, standby}) {
            if (server != null) {
                server.close();
            }
        }
    }


    private String config(String self, Path leases) {
        return "{\"Dhcp4\": {\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + leases + "\"},"
                + "\"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"/usr/lib/kea/hooks/libdhcp_lease_cmds.so\"},"
                + "  {\"library\": \"/usr/lib/kea/hooks/libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
                + "    \"this-server-name\": \"" + self + "\", \"mode\": \"hot-standby\","
                + "    \"heartbeat-delay\": 200, \"max-response-delay\": 1000, \"max-ack-delay\": 100, \"max-unacked-clients\": 0,"
                + "    \"peers\": [{\"name\": \"server1\", \"url\": \"http://127.0.0.1:" + primaryPort + "/\", \"role\": \"primary\"},"
                + "               {\"name\": \"server2\", \"url\": \"http://127.0.0.2:" + standbyPort + "/\", \"role\": \"standby\"}]}]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.200\"}]}]}}";
    }

    private Dhcp4Server start(String self) throws Exception {
        return Dhcp4Server.builder().withoutSockets().configText(config(self, dir.resolve(self + "-leases4.csv"))).start();
    }



    private static DhcpPacket query(MessageType type, int client) {
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(client).hops(1).giaddr(RELAY)
                .hardwareAddress(HardwareAddress.parse(String.format("02:00:00:00:01:%02x", client))).messageType(type);
        query.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        return query;
    }



    @Test
    void failsOverAndComesBackWithTheSameLeases() throws Exception {
        primaryPort = Ports.free();
        standbyPort = Ports.free();
        primary = start("server1");
        standby = start("server2");
        await(() -> haState(primary).equals("hot-standby") && haState(standby).equals("hot-standby"), 20,
                "both in hot-standby: " + haState(primary) + " / " + haState(standby));

        Ipv4Address first = dora(primary, query(MessageType.DISCOVER, 1));
        assertTrue(standby.leases().get(first).isPresent(), "the standby had the lease before the ACK left");
        assertNull(exchange(standby, query(MessageType.DISCOVER, 2), 1000), "the standby answers nothing in hot-standby");

        primary.close();
        primary = null;
        await(() -> haState(standby).equals("partner-down"), 10, "the standby in partner-down: " + haState(standby));
        Ipv4Address second = dora(standby, query(MessageType.DISCOVER, 3));

        primary = start("server1");
        await(() -> haState(primary).equals("hot-standby") && haState(standby).equals("hot-standby"), 30,
                "both back in hot-standby: " + haState(primary) + " / " + haState(standby));
        assertTrue(primary.leases().get(second).isPresent(), "the primary synchronised the lease given while it was away");
        assertTrue(primary.leases().get(first).isPresent());
    }
}
