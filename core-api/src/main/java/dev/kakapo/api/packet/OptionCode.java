package dev.kakapo.api.packet;

/**
 * Codes of the DHCPv4 options the server itself reads or writes (RFC 2132 unless noted).
 * Codes are plain ints everywhere in the API, so any of the 254 usable codes can be used;
 * {@link dev.kakapo.api.options.StandardOptionDefinitions} gives names and types of all of Kea's.
 */
public final class OptionCode {

    /** Pad (0): one byte of filler, no length. */
    public static final int PAD = 0;
    /** Subnet mask (1). */
    public static final int SUBNET_MASK = 1;
    /** Routers (3). */
    public static final int ROUTERS = 3;
    /** Domain name servers (6). */
    public static final int DOMAIN_NAME_SERVERS = 6;
    /** Host name (12). */
    public static final int HOST_NAME = 12;
    /** Domain name (15). */
    public static final int DOMAIN_NAME = 15;
    /** Broadcast address (28). */
    public static final int BROADCAST_ADDRESS = 28;
    /** Vendor-specific information (43). */
    public static final int VENDOR_ENCAPSULATED_OPTIONS = 43;
    /** Requested IP address (50). */
    public static final int REQUESTED_ADDRESS = 50;
    /** IP address lease time (51). */
    public static final int LEASE_TIME = 51;
    /** Option overload (52): options continue in {@code file} (1), {@code sname} (2) or both (3). */
    public static final int OPTION_OVERLOAD = 52;
    /** DHCP message type (53). */
    public static final int MESSAGE_TYPE = 53;
    /** Server identifier (54). */
    public static final int SERVER_IDENTIFIER = 54;
    /** Parameter request list (55). */
    public static final int PARAMETER_REQUEST_LIST = 55;
    /** Message (56): a text a server may add to a NAK. */
    public static final int MESSAGE = 56;
    /** Maximum DHCP message size (57). */
    public static final int MAX_MESSAGE_SIZE = 57;
    /** Renewal (T1) time (58). */
    public static final int RENEWAL_TIME = 58;
    /** Rebinding (T2) time (59). */
    public static final int REBINDING_TIME = 59;
    /** Vendor class identifier (60). */
    public static final int VENDOR_CLASS_IDENTIFIER = 60;
    /** Client identifier (61). */
    public static final int CLIENT_IDENTIFIER = 61;
    /** TFTP server name (66). */
    public static final int TFTP_SERVER_NAME = 66;
    /** Boot file name (67). */
    public static final int BOOT_FILE_NAME = 67;
    /** User class (77), RFC 3004. */
    public static final int USER_CLASS = 77;
    /** Rapid commit (80), RFC 4039. */
    public static final int RAPID_COMMIT = 80;
    /** Client FQDN (81), RFC 4702. */
    public static final int CLIENT_FQDN = 81;
    /** Relay agent information (82), RFC 3046. */
    public static final int RELAY_AGENT_INFORMATION = 82;
    /** Subnet selection (118), RFC 3011. */
    public static final int SUBNET_SELECTION = 118;
    /** End (255): closes the options, no length. */
    public static final int END = 255;

    private OptionCode() {
    }
}
