package dev.kakapo.server.testing;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run inside a test namespace as one or more relays: for each line of a script, a client goes
 * through DISCOVER-OFFER-REQUEST-ACK, and the probe prints each reply in a form two servers'
 * answers can be compared in (header fields, then every option by code, in hex).
 *
 * <p>Arguments: the server's address and the script. A script line is
 * {@code RELAY MAC CLIENT-ID|- CODE=HEX,...|-}; lines starting with {@code #} are skipped.
 */
public final class DoraProbe {

    /** What the probe asks for in every query: what real clients ask, plus boot and host name options. */
    private static final byte[] PARAMETERS = {1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59, 66, 67, 119};

    private DoraProbe() {
    }

    public static void main(String[] args) throws Exception {
        Ipv4Address server = Ipv4Address.parse(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        Map<Ipv4Address, DatagramSocket> relays = new HashMap<>();
        int xid = 0x4b4b0000;
        try {
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                Ipv4Address relay = Ipv4Address.parse(f[0]);
                DatagramSocket socket = relays.get(relay);
                if (socket == null) {
                    socket = new DatagramSocket(new InetSocketAddress(relay.toInetAddress(), 67));
                    socket.setSoTimeout(1500);
                    relays.put(relay, socket);
                }
                DhcpPacket discover = query(relay, f, ++xid, MessageType.DISCOVER);
                DhcpPacket offer = exchange(socket, server, discover);
                System.out.println(f[1] + " " + describe(offer));
                if (offer == null || offer.messageType().orElse(null) != MessageType.OFFER) {
                    continue;
                }
                DhcpPacket request = query(relay, f, ++xid, MessageType.REQUEST);
                request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offer.yiaddr());
                request.options().putIpv4(OptionCode.SERVER_IDENTIFIER, offer.serverIdentifier().orElseThrow());
                System.out.println(f[1] + " " + describe(exchange(socket, server, request)));
            }
        } finally {
            relays.values().forEach(DatagramSocket::close);
        }
    }

    private static DhcpPacket query(Ipv4Address relay, String[] f, int xid, MessageType type) {
        DhcpPacket p = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(xid).giaddr(relay).hops(1)
                .hardwareAddress(HardwareAddress.parse(f[1])).messageType(type);
        if (!f[2].equals("-")) {
            p.options().put(OptionCode.CLIENT_IDENTIFIER, HexBytes.parse(f[2]));
        }
        p.options().put(OptionCode.PARAMETER_REQUEST_LIST, PARAMETERS);
        if (!f[3].equals("-")) {
            for (String option : f[3].split(",")) {
                String[] codeAndValue = option.split("=");
                p.options().put(Integer.parseInt(codeAndValue[0]), HexBytes.parse(codeAndValue[1]));
            }
        }
        return p;
    }

    private static DhcpPacket exchange(DatagramSocket socket, Ipv4Address server, DhcpPacket query) throws Exception {
        byte[] bytes = DhcpCodec.encode(query);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(server.toInetAddress(), 67)));
        DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
        long deadline = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            DecodeResult decoded = DhcpCodec.decode(answer.getData(), 0, answer.getLength());
            if (decoded.packet() != null && decoded.packet().xid() == query.xid()) {
                return decoded.packet();
            }
        }
        return null;
    }

    private static String describe(DhcpPacket reply) {
        if (reply == null) {
            return "NONE";
        }
        StringBuilder out = new StringBuilder();
        out.append(reply.messageType().map(t -> t.toString().replace("DHCP", "")).orElse("?"))
                .append(" yiaddr=").append(reply.yiaddr())
                .append(" siaddr=").append(reply.siaddr())
                .append(" sname=").append(reply.snameText())
                .append(" file=").append(reply.fileText());
        Map<Integer, String> options = new TreeMap<>();
        for (int code : reply.options().codes()) {
            options.put(code, HexBytes.toHex(reply.options().get(code)));
        }
        options.forEach((code, value) -> out.append(' ').append(code).append('=').append(value));
        return out.toString();
    }

    /** The command that runs the probe with the test's class path. */
    public static String[] command(String... args) {
        return JavaCommand.of(DoraProbe.class, args);
    }
}
