package dev.kakapo.api.net;

import java.util.Arrays;

/**
 * A link-layer address with its ARP hardware type: a client's {@code chaddr} (Ethernet is type 1,
 * six bytes) or a host reservation's {@code hw-address}.
 */
public final class HardwareAddress {

    /** The ARP hardware type of Ethernet (RFC 1700). */
    public static final int ETHERNET = 1;

    private final int type;
    private final byte[] bytes;

    private HardwareAddress(int type, byte[] bytes) {
        this.type = type;
        this.bytes = bytes;
    }

    /**
     * Returns a hardware address of the given type holding a copy of {@code bytes}.
     *
     * @throws IllegalArgumentException when there are more than 16 bytes, as {@code chaddr} holds no more
     */
    public static HardwareAddress of(int type, byte[] bytes) {
        if (bytes.length > 16) {
            throw new IllegalArgumentException("a hardware address has at most 16 bytes, got " + bytes.length);
        }
        return new HardwareAddress(type & 0xFF, bytes.clone());
    }

    /**
     * Parses Kea's notations of a hardware address: hex bytes separated by colons, dashes or
     * spaces ({@code 01:02:03:04:05:06}, {@code 1:2:3:4:5:6}), or plain hex ({@code 010203040506}).
     * The type is Ethernet.
     *
     * @throws IllegalArgumentException when the text is not such an address
     */
    public static HardwareAddress parse(String text) {
        return of(ETHERNET, HexBytes.parse(text));
    }

    /** The ARP hardware type (1 for Ethernet). */
    public int type() {
        return type;
    }

    /** A copy of the address bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of address bytes ({@code hlen}). */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardwareAddress
                && ((HardwareAddress) other).type == type
                && Arrays.equals(((HardwareAddress) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(bytes);
    }

    /** Lowercase hex bytes separated by colons, as Kea writes them: {@code 02:00:c6:12:01:02}. */
    @Override
    public String toString() {
        return HexBytes.toColonHex(bytes);
    }
}
