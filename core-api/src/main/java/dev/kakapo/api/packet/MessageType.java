package dev.kakapo.api.packet;

/**
 * A DHCP message type, the value of option 53 (RFC 2132 section 9.6, RFC 4388 for the lease
 * query types). An open enumeration: {@link #valueOf(int)} never fails, so a packet carrying a
 * type this server does not know can still be counted and reported.
 */
public final class MessageType {

    /** DHCPDISCOVER (1): a client looks for servers. */
    public static final MessageType DISCOVER = new MessageType(1, "DHCPDISCOVER");
    /** DHCPOFFER (2): a server offers an address. */
    public static final MessageType OFFER = new MessageType(2, "DHCPOFFER");
    /** DHCPREQUEST (3): a client asks for, renews or rebinds an address. */
    public static final MessageType REQUEST = new MessageType(3, "DHCPREQUEST");
    /** DHCPDECLINE (4): a client found the address in use. */
    public static final MessageType DECLINE = new MessageType(4, "DHCPDECLINE");
    /** DHCPACK (5): a server commits an address or answers an INFORM. */
    public static final MessageType ACK = new MessageType(5, "DHCPACK");
    /** DHCPNAK (6): a server refuses a client's notion of its address. */
    public static final MessageType NAK = new MessageType(6, "DHCPNAK");
    /** DHCPRELEASE (7): a client gives its address back. */
    public static final MessageType RELEASE = new MessageType(7, "DHCPRELEASE");
    /** DHCPINFORM (8): a client with an address asks for configuration only. */
    public static final MessageType INFORM = new MessageType(8, "DHCPINFORM");
    /** DHCPLEASEQUERY (10), RFC 4388. */
    public static final MessageType LEASEQUERY = new MessageType(10, "DHCPLEASEQUERY");
    /** DHCPLEASEUNASSIGNED (11), RFC 4388. */
    public static final MessageType LEASEUNASSIGNED = new MessageType(11, "DHCPLEASEUNASSIGNED");
    /** DHCPLEASEUNKNOWN (12), RFC 4388. */
    public static final MessageType LEASEUNKNOWN = new MessageType(12, "DHCPLEASEUNKNOWN");
    /** DHCPLEASEACTIVE (13), RFC 4388. */
    public static final MessageType LEASEACTIVE = new MessageType(13, "DHCPLEASEACTIVE");

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType type : new MessageType[] {DISCOVER, OFFER, REQUEST, DECLINE, ACK, NAK, RELEASE,
                INFORM, LEASEQUERY, LEASEUNASSIGNED, LEASEUNKNOWN, LEASEACTIVE}) {
            BY_CODE[type.code] = type;
        }
        for (int code = 0; code < BY_CODE.length; code++) {
            if (BY_CODE[code] == null) {
                BY_CODE[code] = new MessageType(code, "DHCP_TYPE_" + code);
            }
        }
    }

    private final int code;
    private final String name;

    private MessageType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /** Returns the type for an option 53 value; unknown values give a named placeholder, never an error. */
    public static MessageType valueOf(int code) {
        return BY_CODE[code & 0xFF];
    }

    /** The value carried in option 53. */
    public int code() {
        return code;
    }

    /** Whether the type is one RFC 2131 or RFC 4388 defines. */
    public boolean isKnown() {
        return !name.startsWith("DHCP_TYPE_");
    }

    /** The RFC name, such as {@code DHCPDISCOVER}. */
    @Override
    public String toString() {
        return name;
    }
}
