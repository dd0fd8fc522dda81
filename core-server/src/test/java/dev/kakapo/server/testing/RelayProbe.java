package dev.kakapo.server.testing;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * Run inside a test namespace as a relay: sends one renewing REQUEST for a client and prints what
 * came back ({@code ACK <address>}, {@code NAK} or {@code TIMEOUT}).
 * Arguments: relay address, server address, client MAC, client identifier (hex), leased address.
 */
public final class RelayProbe {

    private RelayProbe() {
    }

    public static void main(String[] args) throws Exception {
        Ipv4Address relay = Ipv4Address.parse(args[0]);
        Ipv4Address server = Ipv4Address.parse(args[1]);
        DhcpPacket request = new DhcpPacket().xid(0x6b6b).giaddr(relay).hops(1).hardwareAddress(HardwareAddress.parse(args[2]))
                .ciaddr(Ipv4Address.parse(args[4])).messageType(MessageType.REQUEST);
        request.options().put(OptionCode.CLIENT_IDENTIFIER, HexBytes.parse(args[3]));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(relay.toInetAddress(), 67))) {
            socket.setSoTimeout(5000);
            byte[] bytes = DhcpCodec.encode(request);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(server.toInetAddress(), 67)));
            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            socket.receive(answer);
            DhcpPacket reply = DhcpCodec.decode(answer.getData(), 0, answer.getLength()).packet();
            System.out.println(reply.messageType().orElseThrow() == MessageType.ACK ? "ACK " + reply.yiaddr() : "NAK");
        } catch (SocketTimeoutException e) {
            System.out.println("TIMEOUT");
        }
    }

    /** The command that runs the probe with the test's class path. */
    public static String[] command(String... args) {
        return JavaCommand.of(RelayProbe.class, args);
    }
}
