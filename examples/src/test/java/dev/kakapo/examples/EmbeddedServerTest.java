package dev.kakapo.examples;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.server.Dhcp4Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded server answers a relay on loopback, on an unprivileged port, and leaves nothing running when closed. */
class EmbeddedServerTest {

    @TempDir
    Path dir;

    @Test
    void answersARelayedDiscoverWithAnOfferFromItsSubnet() throws Exception {
        try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            // The server answers relays on its own port, so the relay listens on that port too.
            int port = relay.getLocalPort();
            relay.close();
            try (Dhcp4Server server = EmbeddedServer.start(port, dir.resolve("leases4.csv"));
                 DatagramSocket agent = new DatagramSocket(new InetSocketAddress("127.0.0.2", port))) {
                agent.setSoTimeout(5000);
                DhcpPacket discover = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(7).hops(1)
                        .giaddr(Ipv4Address.parse("127.0.0.2")).hardwareAddress(HardwareAddress.parse("02:00:00:00:00:07"))
                        .messageType(MessageType.DISCOVER);
                byte[] bytes = DhcpCodec.encode(discover, 576);
                agent.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
                DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
                agent.receive(answer);
                DhcpPacket offer = DhcpCodec.decode(answer.getData(), 0, answer.getLength()).packet();
                assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
                assertTrue(offer.yiaddr().toString().startsWith("10.10.0."), offer.yiaddr().toString());
                // The handler counts the OFFER just after sending it: give it that moment.
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (server.statistics().value("pkt4-offer-sent") == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(1, server.statistics().value("pkt4-offer-sent"));
            }
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("kakapo-")),
                "no server thread left");
    }
}
