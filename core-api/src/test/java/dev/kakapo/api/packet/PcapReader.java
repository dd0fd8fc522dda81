package dev.kakapo.api.packet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the UDP payloads out of a classic pcap file (Ethernet or Linux cooked capture); shared with the server's tests. */
public final class PcapReader {

    /**
     * One captured UDP datagram.
     *
     * @param source      sender address:port
     * @param destination receiver address:port
     * @param payload     the UDP payload
     */
    public record Datagram(String source, String destination, byte[] payload) {
    }

    private PcapReader() {
    }

    /** Reads every UDP datagram of a classic pcap stream. */
    public static List<Datagram> read(InputStream in) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(in.readAllBytes());
        int magic = file.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4) {
            file.order(ByteOrder.BIG_ENDIAN);
            if (file.getInt(0) != 0xa1b2c3d4) {
                throw new IOException("not a classic pcap file");
            }
        }
        int linkType = file.getInt(20);
        int linkHeader = linkType == 1 ? 14 : linkType == 113 ? 16 : -1;
        if (linkHeader < 0) {
            throw new IOException("unsupported link type " + linkType);
        }
        List<Datagram> out = new ArrayList<>();
        int offset = 24;
        while (offset + 16 <= file.limit()) {
            int captured = file.getInt(offset + 8);
            int ip = offset + 16 + linkHeader;
            offset += 16 + captured;
            byte[] bytes = file.array();
            int headerLength = (bytes[ip] & 0x0F) * 4;
            if ((bytes[ip + 9] & 0xFF) != 17) {
                continue;
            }
            int udp = ip + headerLength;
            int udpLength = (bytes[udp + 4] & 0xFF) << 8 | bytes[udp + 5] & 0xFF;
            String source = address(bytes, ip + 12) + ":" + port(bytes, udp);
            String destination = address(bytes, ip + 16) + ":" + port(bytes, udp + 2);
            out.add(new Datagram(source, destination, Arrays.copyOfRange(bytes, udp + 8, udp + udpLength)));
        }
        return out;
    }

    private static String address(byte[] b, int at) {
        return (b[at] & 0xFF) + "." + (b[at + 1] & 0xFF) + "." + (b[at + 2] & 0xFF) + "." + (b[at + 3] & 0xFF);
    }

    private static int port(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    /** The datagrams of a capture among the test resources, by name (such as {@code dhclient-relayed}). */
    public static List<Datagram> capture(String name) throws IOException {
        try (InputStream in = PcapReader.class.getResourceAsStream("/pcaps/" + name + ".pcap")) {
            if (in == null) {
                throw new IOException("no capture pcaps/" + name + ".pcap among the test resources");
            }
            return read(in);
        }
    }
}
