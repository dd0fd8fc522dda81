package dev.kakapo.server.classify;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.options.OptionDataType;
import dev.kakapo.api.options.OptionDefinition;
import dev.kakapo.api.options.StandardOptionDefinitions;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.OptionCode;

import java.nio.charset.StandardCharsets;

/** What the packet-reading parts of an expression return: options, sub-options and header fields. */
final class PacketValues {

    static final byte[] EMPTY = new byte[0];

    private PacketValues() {
    }

    /** The payload of top-level option {@code code}, or null when the query has none. */
    static byte[] option(PacketFacts facts, int code) {
        return facts.query().options().get(code);
    }

    /** The payload of sub-option {@code sub} inside option {@code code}, or null. */
    static byte[] subOption(PacketFacts facts, int code, int sub) {
        byte[] outer = option(facts, code);
        if (outer == null) {
            return null;
        }
        int i = 0;
        while (i + 1 < outer.length) {
            int subCode = outer[i] & 0xFF;
            int length = outer[i + 1] & 0xFF;
            if (i + 2 + length > outer.length) {
                return null; // truncated: nothing trustworthy after this point
            }
            if (subCode == sub) {
                byte[] value = new byte[length];
                System.arraycopy(outer, i + 2, value, 0, length);
                return value;
            }
            i += 2 + length;
        }
        return null;
    }

    /**
     * Kea's {@code .text} of an option: addresses and integers written out as text when the
     * standard definition says that is what the option holds, the bytes as they are otherwise.
     */
    static byte[] text(int code, byte[] payload) {
        if (payload == null) {
            return EMPTY;
        }
        OptionDataType type = StandardOptionDefinitions.byCode(StandardOptionDefinitions.DHCP4_SPACE, code)
                .filter(d -> !d.array()).map(OptionDefinition::type).orElse(OptionDataType.BINARY);
        String text = switch (type) {
            case IPV4_ADDRESS -> payload.length == 4 ? Ipv4Address.fromBytes(payload, 0).toString() : null;
            case UINT8 -> payload.length == 1 ? Integer.toString(payload[0] & 0xFF) : null;
            case UINT16 -> payload.length == 2 ? Integer.toString(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) : null;
            case UINT32 -> payload.length == 4 ? Long.toString(Ipv4Address.toBits(payload, 0) & 0xFFFFFFFFL) : null;
            default -> null;
        };
        return text == null ? payload : text.getBytes(StandardCharsets.UTF_8);
    }

    /** A 32-bit unsigned integer as Kea's expressions carry it: four bytes, network order. */
    static byte[] uint32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The part of the header or of the packet's path named {@code field} after {@code pkt4.} or {@code pkt.}. */
    static Node.Bytes field(String prefix, String field, int position) throws ExpressionSyntaxException {
        if ("pkt4".equals(prefix)) {
            return switch (field) {
                case "mac" -> f -> {
                    DhcpPacket q = f.query();
                    byte[] chaddr = q.chaddr();
                    int length = Math.min(q.hlen(), chaddr.length);
                    byte[] mac = new byte[length];
                    System.arraycopy(chaddr, 0, mac, 0, length);
                    return mac;
                };
                case "hlen" -> f -> uint32(f.query().hlen());
                case "htype" -> f -> uint32(f.query().htype());
                case "ciaddr" -> f -> f.query().ciaddr().toBytes();
                case "giaddr" -> f -> f.query().giaddr().toBytes();
                case "yiaddr" -> f -> f.query().yiaddr().toBytes();
                case "siaddr" -> f -> f.query().siaddr().toBytes();
                case "msgtype" -> f -> uint32(f.query().options().getUint8(OptionCode.MESSAGE_TYPE).orElse(0));
                case "transid" -> f -> uint32(f.query().xid() & 0xFFFFFFFFL);
                default -> throw new ExpressionSyntaxException(position, "pkt4 has no field '" + field
                        + "': expected mac, hlen, htype, ciaddr, giaddr, yiaddr, siaddr, msgtype or transid");
            };
        }
        return switch (field) {
            case "iface" -> f -> f.interfaceName() == null ? EMPTY : f.interfaceName().getBytes(StandardCharsets.UTF_8);
            case "src" -> f -> f.sourceAddress().toBytes();
            case "dst" -> f -> f.destinationAddress().toBytes();
            default -> throw new ExpressionSyntaxException(position, "pkt has no field '" + field
                    + "': expected iface, src or dst");
        };
    }
}
