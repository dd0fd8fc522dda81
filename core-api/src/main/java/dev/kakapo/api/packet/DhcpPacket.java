package dev.kakapo.api.packet;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A DHCPv4 message: the fixed BOOTP header of RFC 2131 section 2 and its options. Mutable, so
 * a server can build a reply in place; not thread-safe.
 *
 * <p>The typed getters read the options a server uses and cite the RFC that defines them; any
 * other option is reached through {@link #options()}.
 */
public final class DhcpPacket {

    /** {@code op} of a message from a client (BOOTREQUEST). */
    public static final int BOOTREQUEST = 1;
    /** {@code op} of a message from a server (BOOTREPLY). */
    public static final int BOOTREPLY = 2;
    /** The broadcast bit of {@code flags} (RFC 2131 section 2, figure 2). */
    public static final int FLAG_BROADCAST = 0x8000;
    /** Length of {@code chaddr}. */
    public static final int CHADDR_LENGTH = 16;
    /** Length of {@code sname}. */
    public static final int SNAME_LENGTH = 64;
    /** Length of {@code file}. */
    public static final int FILE_LENGTH = 128;

    private int op = BOOTREQUEST;
    private int htype = HardwareAddress.ETHERNET;
    private int hlen = 6;
    private int hops;
    private int xid;
    private int secs;
    private int flags;
    private Ipv4Address ciaddr = Ipv4Address.ANY;
    private Ipv4Address yiaddr = Ipv4Address.ANY;
    private Ipv4Address siaddr = Ipv4Address.ANY;
    private Ipv4Address giaddr = Ipv4Address.ANY;
    private final byte[] chaddr = new byte[CHADDR_LENGTH];
    private final byte[] sname = new byte[SNAME_LENGTH];
    private final byte[] file = new byte[FILE_LENGTH];
    private final DhcpOptions options = new DhcpOptions();
    private byte[] trailer = new byte[0];

    /** Creates an empty BOOTREQUEST with an Ethernet hardware type and no options. */
    public DhcpPacket() {
    }

    /** {@code op}: 1 for a request from a client, 2 for a reply from a server. */
    public int op() {
        return op;
    }

    /** Sets {@code op}. */
    public DhcpPacket op(int op) {
        this.op = op & 0xFF;
        return this;
    }

    /** {@code htype}: the ARP hardware type of {@code chaddr} (1 for Ethernet). */
    public int htype() {
        return htype;
    }

    /** Sets {@code htype}. */
    public DhcpPacket htype(int htype) {
        this.htype = htype & 0xFF;
        return this;
    }

    /** {@code hlen}: how many bytes of {@code chaddr} are the address, at most 16. */
    public int hlen() {
        return hlen;
    }

    /** Sets {@code hlen}; values above 16 are refused because {@code chaddr} holds 16 bytes. */
    public DhcpPacket hlen(int hlen) {
        if (hlen < 0 || hlen > CHADDR_LENGTH) {
            throw new IllegalArgumentException("hlen " + hlen + " is not between 0 and 16");
        }
        this.hlen = hlen;
        return this;
    }

    /** {@code hops}: incremented by each relay agent. */
    public int hops() {
        return hops;
    }

    /** Sets {@code hops}. */
    public DhcpPacket hops(int hops) {
        this.hops = hops & 0xFF;
        return this;
    }

    /** {@code xid}: the transaction id that pairs a reply with its request. */
    public int xid() {
        return xid;
    }

    /** Sets {@code xid}. */
    public DhcpPacket xid(int xid) {
        this.xid = xid;
        return this;
    }

    /** {@code secs}: seconds since the client began, unsigned 16 bits (HA's unacked-client check reads it). */
    public int secs() {
        return secs;
    }

    /** Sets {@code secs}. */
    public DhcpPacket secs(int secs) {
        this.secs = secs & 0xFFFF;
        return this;
    }

    /** {@code flags}, unsigned 16 bits; see {@link #FLAG_BROADCAST}. */
    public int flags() {
        return flags;
    }

    /** Sets {@code flags}. */
    public DhcpPacket flags(int flags) {
        this.flags = flags & 0xFFFF;
        return this;
    }

    /** Whether the client asked for broadcast replies (RFC 2131 section 4.1). */
    public boolean isBroadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    /** {@code ciaddr}: the client's current address when it has one. */
    public Ipv4Address ciaddr() {
        return ciaddr;
    }

    /** Sets {@code ciaddr}. */
    public DhcpPacket ciaddr(Ipv4Address ciaddr) {
        this.ciaddr = Objects.requireNonNull(ciaddr);
        return this;
    }

    /** {@code yiaddr}: the address a server offers or assigns. */
    public Ipv4Address yiaddr() {
        return yiaddr;
    }

    /** Sets {@code yiaddr}. */
    public DhcpPacket yiaddr(Ipv4Address yiaddr) {
        this.yiaddr = Objects.requireNonNull(yiaddr);
        return this;
    }

    /** {@code siaddr}: the next server to use in bootstrap (Kea's {@code next-server}). */
    public Ipv4Address siaddr() {
        return siaddr;
    }

    /** Sets {@code siaddr}. */
    public DhcpPacket siaddr(Ipv4Address siaddr) {
        this.siaddr = Objects.requireNonNull(siaddr);
        return this;
    }

    /** {@code giaddr}: the relay agent's address; 0.0.0.0 when the client is on the server's link. */
    public Ipv4Address giaddr() {
        return giaddr;
    }

    /** Sets {@code giaddr}. */
    public DhcpPacket giaddr(Ipv4Address giaddr) {
        this.giaddr = Objects.requireNonNull(giaddr);
        return this;
    }

    /** Whether the packet came through a relay agent (a non-zero {@code giaddr}). */
    public boolean isRelayed() {
        return !giaddr.isAny();
    }

    /** A copy of all 16 bytes of {@code chaddr}. */
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** Sets {@code chaddr} to {@code bytes}, zero-filled to 16 bytes; does not change {@code hlen}. */
    public DhcpPacket chaddr(byte[] bytes) {
        if (bytes.length > CHADDR_LENGTH) {
            throw new IllegalArgumentException("chaddr holds at most 16 bytes, got " + bytes.length);
        }
        Arrays.fill(chaddr, (byte) 0);
        System.arraycopy(bytes, 0, chaddr, 0, bytes.length);
        return this;
    }

    /** The client's hardware address: {@code htype} and the first {@code hlen} bytes of {@code chaddr}. */
    public HardwareAddress hardwareAddress() {
        return HardwareAddress.of(htype, Arrays.copyOf(chaddr, hlen));
    }

    /** Sets {@code htype}, {@code hlen} and {@code chaddr} from one hardware address. */
    public DhcpPacket hardwareAddress(HardwareAddress address) {
        htype(address.type());
        hlen(address.length());
        return chaddr(address.bytes());
    }

    /** A copy of the 64 bytes of {@code sname}. */
    public byte[] sname() {
        return sname.clone();
    }

    /** Sets {@code sname}, zero-filled to 64 bytes. */
    public DhcpPacket sname(byte[] bytes) {
        copyField(bytes, sname, "sname");
        return this;
    }

    /** {@code sname} as text, up to its first NUL. */
    public String snameText() {
        return fieldText(sname);
    }

    /** Sets {@code sname} from text; a 64-byte name leaves no room for a NUL and is refused. */
    public DhcpPacket snameText(String text) {
        return sname(textField(text, SNAME_LENGTH, "sname"));
    }

    /** A copy of the 128 bytes of {@code file}. */
    public byte[] file() {
        return file.clone();
    }

    /** Sets {@code file}, zero-filled to 128 bytes. */
    public DhcpPacket file(byte[] bytes) {
        copyField(bytes, file, "file");
        return this;
    }

    /** {@code file} as text, up to its first NUL. */
    public String fileText() {
        return fieldText(file);
    }

    /** Sets {@code file} from text. */
    public DhcpPacket fileText(String text) {
        return file(textField(text, FILE_LENGTH, "file"));
    }

    /** The options, to read or change in place. */
    public DhcpOptions options() {
        return options;
    }

    /**
     * Bytes that followed the end option in the options field when the packet was decoded,
     * usually the zero padding clients add to reach 300 bytes. Written back by the encoder, so
     * a decoded packet encodes to the bytes it came from. Empty for a packet built in code.
     */
    public byte[] trailer() {
        return trailer.clone();
    }

    /** Sets the bytes written after the end option (for example zero padding to a minimum size). */
    public DhcpPacket trailer(byte[] bytes) {
        this.trailer = bytes.clone();
        return this;
    }

    // ---- typed options -------------------------------------------------------------------

    /** The DHCP message type (option 53, RFC 2132 section 9.6); empty for a plain BOOTP message. */
    public Optional<MessageType> messageType() {
        OptionalInt code = options.getUint8(OptionCode.MESSAGE_TYPE);
        return code.isPresent() ? Optional.of(MessageType.valueOf(code.getAsInt())) : Optional.empty();
    }

    /** Sets the DHCP message type (option 53). */
    public DhcpPacket messageType(MessageType type) {
        options.putUint8(OptionCode.MESSAGE_TYPE, type.code());
        return this;
    }

    /** The requested IP address (option 50, RFC 2132 section 9.1). */
    public Optional<Ipv4Address> requestedAddress() {
        return options.getIpv4(OptionCode.REQUESTED_ADDRESS);
    }

    /** The server identifier (option 54, RFC 2132 section 9.7). */
    public Optional<Ipv4Address> serverIdentifier() {
        return options.getIpv4(OptionCode.SERVER_IDENTIFIER);
    }

    /** The lease time in seconds (option 51, RFC 2132 section 9.2). */
    public OptionalLong leaseTime() {
        return options.getUint32(OptionCode.LEASE_TIME);
    }

    /** The renewal (T1) time in seconds (option 58, RFC 2132 section 9.11). */
    public OptionalLong renewalTime() {
        return options.getUint32(OptionCode.RENEWAL_TIME);
    }

    /** The rebinding (T2) time in seconds (option 59, RFC 2132 section 9.12). */
    public OptionalLong rebindingTime() {
        return options.getUint32(OptionCode.REBINDING_TIME);
    }

    /** The option codes the client asks for, in its order (option 55, RFC 2132 section 9.8); empty when absent. */
    public int[] parameterRequestList() {
        byte[] raw = options.raw(OptionCode.PARAMETER_REQUEST_LIST);
        if (raw == null) {
            return new int[0];
        }
        int[] codes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            codes[i] = raw[i] & 0xFF;
        }
        return codes;
    }

    /** The client identifier, type byte included (option 61, RFC 2132 section 9.14). */
    public Optional<byte[]> clientIdentifier() {
        return Optional.ofNullable(options.get(OptionCode.CLIENT_IDENTIFIER));
    }

    /** The host name (option 12, RFC 2132 section 3.14). */
    public Optional<String> hostname() {
        return options.getString(OptionCode.HOST_NAME);
    }

    /** The client FQDN (option 81, RFC 4702); empty when absent or malformed. */
    public Optional<ClientFqdn> clientFqdn() {
        byte[] raw = options.raw(OptionCode.CLIENT_FQDN);
        return raw == null ? Optional.empty() : ClientFqdn.decode(raw);
    }

    /** The vendor class identifier (option 60, RFC 2132 section 9.13), as text. */
    public Optional<String> vendorClassIdentifier() {
        return options.getString(OptionCode.VENDOR_CLASS_IDENTIFIER);
    }

    /** The maximum DHCP message size the client accepts (option 57, RFC 2132 section 9.10). */
    public OptionalInt maxMessageSize() {
        return options.getUint16(OptionCode.MAX_MESSAGE_SIZE);
    }

    /** The relay agent information a relay added (option 82, RFC 3046); empty when absent or malformed. */
    public Optional<RelayAgentInformation> relayAgentInformation() {
        byte[] raw = options.raw(OptionCode.RELAY_AGENT_INFORMATION);
        return raw == null ? Optional.empty() : RelayAgentInformation.decode(raw);
    }

    // ---- helpers -------------------------------------------------------------------------

    byte[] snameField() {
        return sname;
    }

    byte[] fileField() {
        return file;
    }

    byte[] chaddrField() {
        return chaddr;
    }

    byte[] trailerField() {
        return trailer;
    }

    private static void copyField(byte[] bytes, byte[] field, String name) {
        if (bytes.length > field.length) {
            throw new IllegalArgumentException(name + " holds at most " + field.length + " bytes, got " + bytes.length);
        }
        Arrays.fill(field, (byte) 0);
        System.arraycopy(bytes, 0, field, 0, bytes.length);
    }

    private static String fieldText(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        return new String(field, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] textField(String text, int capacity, String name) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= capacity) {
            throw new IllegalArgumentException(name + " text needs at most " + (capacity - 1) + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** A one-line summary for logs: type, xid, addresses and client. */
    @Override
    public String toString() {
        return messageType().map(MessageType::toString).orElse(op == BOOTREPLY ? "BOOTREPLY" : "BOOTREQUEST")
                + " xid=0x" + Integer.toHexString(xid)
                + " chaddr=" + HexBytes.toColonHex(chaddr, 0, hlen)
                + " ciaddr=" + ciaddr + " yiaddr=" + yiaddr + " giaddr=" + giaddr
                + " options=" + options;
    }
}
