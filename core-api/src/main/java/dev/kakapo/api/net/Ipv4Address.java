package dev.kakapo.api.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 address held as an unsigned 32-bit value, so that comparing, ranging and hashing
 * cost nothing and no DNS lookup can ever happen (unlike {@link InetAddress#getByName}).
 */
public final class Ipv4Address implements Comparable<Ipv4Address> {

    /** The unspecified address 0.0.0.0, as in an empty {@code ciaddr} or {@code giaddr}. */
    public static final Ipv4Address ANY = new Ipv4Address(0);

    /** The limited broadcast address 255.255.255.255. */
    public static final Ipv4Address BROADCAST = new Ipv4Address(0xFFFFFFFF);

    private final int bits;

    private Ipv4Address(int bits) {
        this.bits = bits;
    }

    /** Returns the address whose network-order value is {@code bits} (0xC0000201 is 192.0.2.1). */
    public static Ipv4Address of(int bits) {
        return bits == 0 ? ANY : new Ipv4Address(bits);
    }

    /** Returns the address in the four bytes at {@code offset} of {@code bytes}, network order. */
    public static Ipv4Address fromBytes(byte[] bytes, int offset) {
        return of(toBits(bytes, offset));
    }

    /** Reads four bytes in network order as an int, without creating an object. */
    public static int toBits(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }

    /**
     * Parses a dotted quad such as {@code "192.0.2.1"} strictly: four decimal parts of 0 to 255,
     * no leading or trailing text, no host names.
     *
     * @throws IllegalArgumentException when the text is not a dotted quad
     */
    public static Ipv4Address parse(String text) {
        return tryParse(text).orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not an IPv4 address"));
    }

    /** Parses a dotted quad as {@link #parse} does, or returns empty when the text is not one. */
    public static Optional<Ipv4Address> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int bits = 0;
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
            } else if (c == '.' && value >= 0 && parts < 4) {
                bits = bits << 8 | value;
                parts++;
                value = -1;
            } else {
                return Optional.empty();
            }
        }
        return parts == 4 ? Optional.of(of(bits)) : Optional.empty();
    }

    /** Returns the address of {@code inet}. */
    public static Ipv4Address of(Inet4Address inet) {
        return fromBytes(inet.getAddress(), 0);
    }

    /** The address as a signed int in network order (192.0.2.1 is 0xC0000201). */
    public int bits() {
        return bits;
    }

    /** The address as an unsigned value, convenient for arithmetic over ranges. */
    public long unsigned() {
        return bits & 0xFFFFFFFFL;
    }

    /** Whether this is 0.0.0.0. */
    public boolean isAny() {
        return bits == 0;
    }

    /** Writes the four bytes of this address at {@code offset} of {@code target}. */
    public void writeTo(byte[] target, int offset) {
        target[offset] = (byte) (bits >>> 24);
        target[offset + 1] = (byte) (bits >>> 16);
        target[offset + 2] = (byte) (bits >>> 8);
        target[offset + 3] = (byte) bits;
    }

    /** The four bytes of this address in network order. */
    public byte[] toBytes() {
        byte[] bytes = new byte[4];
        writeTo(bytes, 0);
        return bytes;
    }

    /** This address as a JDK address object, without any name lookup. */
    public Inet4Address toInetAddress() {
        try {
            return (Inet4Address) InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** Returns the address {@code delta} after this one, wrapping around at 2^32. */
    public Ipv4Address plus(long delta) {
        return of((int) (unsigned() + delta));
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv4Address && ((Ipv4Address) other).bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    /** The dotted quad, such as {@code 192.0.2.1}. */
    @Override
    public String toString() {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }
}
