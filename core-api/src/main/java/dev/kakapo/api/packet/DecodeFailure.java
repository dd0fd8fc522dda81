package dev.kakapo.api.packet;

/**
 * Why bytes could not be decoded as a DHCPv4 message. A server counts drops per reason
 * (Kea counts them all as {@code pkt4-parse-failed}).
 */
public enum DecodeFailure {
    /** Fewer than 240 bytes: the 236-byte BOOTP header and the magic cookie do not fit. */
    TRUNCATED_HEADER,
    /** The four bytes after the header are not the DHCP magic cookie 99.130.83.99. */
    BAD_MAGIC_COOKIE,
    /** {@code hlen} is above 16, the size of {@code chaddr}. */
    BAD_HARDWARE_LENGTH,
    /** An option's length byte, or its value, runs past the end of the field holding it. */
    OPTION_OVERRUN,
    /** The options field has no end option (255). */
    MISSING_END,
    /** The option overload (52) is not one byte of value 1, 2 or 3. */
    BAD_OPTION_OVERLOAD,
    /** An option the server interprets has a length or content its RFC does not allow. */
    BAD_OPTION_VALUE
}
