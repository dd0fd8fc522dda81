package dev.kakapo.server;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded server, over loopback sockets on unprivileged ports: a full exchange, then a clean close. */
class Dhcp4ServerTest {

    @Test
    void servesARelayedClientAndClosesWithoutLeavingThreadsOrSockets(@TempDir Path dir) throws Exception {
        try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
            relay.setSoTimeout(5000);
            int port = relay.getLocalPort();
            String config = "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/127.0.0.1\"]},"
                    + "\"lease-database\": {\"type\": \"memfile\", \"name\": \"" + dir.resolve("leases4.csv") + "\"},"
                    + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.5.0.0/24\", \"pools\": [{\"pool\": \"10.5.0.10-10.5.0.20\"}],"
                    + "\"relay\": {\"ip-addresses\": [\"127.0.0.3\"]}}]}}";
            Dhcp4Server server = Dhcp4Server.builder().configText(config).serverPort(port).start();
            try {
                DhcpPacket discover = new DhcpPacket().xid(7).giaddr(Ipv4Address.parse("127.0.0.3")).hops(1)
                        .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:07")).messageType(MessageType.DISCOVER);
                DhcpPacket offer = exchange(relay, port, discover);
                assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
                DhcpPacket request = new DhcpPacket().xid(8).giaddr(Ipv4Address.parse("127.0.0.3")).hops(1)
                        .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:07")).messageType(MessageType.REQUEST);
                request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offer.yiaddr())
                        .putIpv4(OptionCode.SERVER_IDENTIFIER, offer.serverIdentifier().orElseThrow());
                DhcpPacket ack = exchange(relay, port, request);
                assertEquals(MessageType.ACK, ack.messageType().orElseThrow());
                assertEquals(Ipv4Address.parse("127.0.0.1"), ack.serverIdentifier().orElseThrow());
                assertTrue(server.leases().get(ack.yiaddr()).isPresent());
            } finally {
                server.close();
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith("kakapo-")), "no Kakapo thread is left");
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                assertEquals(port, again.getLocalPort(), "the server's port is free again");
            }
        }
    }

    private static DhcpPacket exchange(DatagramSocket relay, int port, DhcpPacket query) throws Exception {
        byte[] bytes = DhcpCodec.encode(query);
        relay.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
        DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
        relay.receive(answer);
        return DhcpCodec.decode(answer.getData(), 0, answer.getLength()).packet();
    }
}
