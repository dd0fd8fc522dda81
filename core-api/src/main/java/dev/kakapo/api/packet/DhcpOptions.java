package dev.kakapo.api.packet;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The options of a DHCPv4 packet: raw bytes per option code, in the order they were added or
 * decoded. Instances of one code split over several places on the wire (RFC 3396) are held
 * joined; the encoder splits them again. Unknown codes are kept byte for byte.
 *
 * <p>Values are copied in and out, so a caller can never change a packet behind its back. The
 * typed getters read in place and return empty when the option is absent or its length does
 * not fit the type.
 */
public final class DhcpOptions {

    private final byte[][] values = new byte[256][];
    private final int[] order = new int[254];
    private int count;

    /** Creates an empty option set. */
    public DhcpOptions() {
    }

    /** Whether the option is present (with any length, zero included). */
    public boolean contains(int code) {
        return values[checkCode(code)] != null;
    }

    /** The number of distinct option codes present. */
    public int size() {
        return count;
    }

    /** The codes present, in wire order. */
    public int[] codes() {
        return Arrays.copyOf(order, count);
    }

    /** A copy of the option's value, or null when the option is absent. */
    public byte[] get(int code) {
        byte[] value = values[checkCode(code)];
        return value == null ? null : value.clone();
    }

    /** The option's value length, or -1 when absent. */
    public int length(int code) {
        byte[] value = values[checkCode(code)];
        return value == null ? -1 : value.length;
    }

    /**
     * Sets the option to a copy of {@code value}. A code already present keeps its place in the
     * order; a new code goes last. Values longer than 255 bytes are allowed and are split on the
     * wire (RFC 3396).
     */
    public DhcpOptions put(int code, byte[] value) {
        putOwned(code, value.clone());
        return this;
    }

    /** Removes the option; returns whether it was present. */
    public boolean remove(int code) {
        if (values[checkCode(code)] == null) {
            return false;
        }
        values[code] = null;
        for (int i = 0; i < count; i++) {
            if (order[i] == code) {
                System.arraycopy(order, i + 1, order, i, count - i - 1);
                count--;
                break;
            }
        }
        return true;
    }

    /** Removes every option. */
    public void clear() {
        for (int i = 0; i < count; i++) {
            values[order[i]] = null;
        }
        count = 0;
    }

    /** A one-byte option as an unsigned value (RFC 2132 types such as message type, overload). */
    public OptionalInt getUint8(int code) {
        byte[] v = values[checkCode(code)];
        return v != null && v.length == 1 ? OptionalInt.of(v[0] & 0xFF) : OptionalInt.empty();
    }

    /** A two-byte option as an unsigned value (for example maximum message size, option 57). */
    public OptionalInt getUint16(int code) {
        byte[] v = values[checkCode(code)];
        return v != null && v.length == 2 ? OptionalInt.of((v[0] & 0xFF) << 8 | v[1] & 0xFF) : OptionalInt.empty();
    }

    /** A four-byte option as an unsigned value (lease, renewal and rebinding times). */
    public OptionalLong getUint32(int code) {
        byte[] v = values[checkCode(code)];
        return v != null && v.length == 4
                ? OptionalLong.of(Ipv4Address.toBits(v, 0) & 0xFFFFFFFFL) : OptionalLong.empty();
    }

    /** A four-byte option as an IPv4 address (requested address, server identifier, ...). */
    public Optional<Ipv4Address> getIpv4(int code) {
        byte[] v = values[checkCode(code)];
        return v != null && v.length == 4 ? Optional.of(Ipv4Address.fromBytes(v, 0)) : Optional.empty();
    }

    /** An option holding a list of IPv4 addresses (routers, name servers); empty when absent or misaligned. */
    public List<Ipv4Address> getIpv4List(int code) {
        byte[] v = values[checkCode(code)];
        if (v == null || v.length == 0 || v.length % 4 != 0) {
            return List.of();
        }
        List<Ipv4Address> out = new ArrayList<>(v.length / 4);
        for (int i = 0; i < v.length; i += 4) {
            out.add(Ipv4Address.fromBytes(v, i));
        }
        return out;
    }

    /**
     * A text option (host name, domain name, message) decoded as UTF-8. A trailing NUL, which
     * some clients add, is left out, as Kea does.
     */
    public Optional<String> getString(int code) {
        byte[] v = values[checkCode(code)];
        if (v == null) {
            return Optional.empty();
        }
        int length = v.length;
        while (length > 0 && v[length - 1] == 0) {
            length--;
        }
        return Optional.of(new String(v, 0, length, StandardCharsets.UTF_8));
    }

    /** Sets a one-byte option. */
    public DhcpOptions putUint8(int code, int value) {
        putOwned(code, new byte[] {(byte) value});
        return this;
    }

    /** Sets a two-byte option, network order. */
    public DhcpOptions putUint16(int code, int value) {
        putOwned(code, new byte[] {(byte) (value >>> 8), (byte) value});
        return this;
    }

    /** Sets a four-byte option, network order. */
    public DhcpOptions putUint32(int code, long value) {
        putOwned(code, Ipv4Address.of((int) value).toBytes());
        return this;
    }

    /** Sets an option holding one IPv4 address. */
    public DhcpOptions putIpv4(int code, Ipv4Address address) {
        putOwned(code, address.toBytes());
        return this;
    }

    /** Sets an option holding a list of IPv4 addresses. */
    public DhcpOptions putIpv4List(int code, List<Ipv4Address> addresses) {
        byte[] v = new byte[addresses.size() * 4];
        for (int i = 0; i < addresses.size(); i++) {
            addresses.get(i).writeTo(v, 4 * i);
        }
        putOwned(code, v);
        return this;
    }

    /** Sets a text option, UTF-8 encoded, without a trailing NUL. */
    public DhcpOptions putString(int code, String text) {
        putOwned(code, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Copies every option of {@code other} into this set, replacing values of codes present in both. */
    public DhcpOptions putAll(DhcpOptions other) {
        for (int i = 0; i < other.count; i++) {
            int code = other.order[i];
            putOwned(code, other.values[code].clone());
        }
        return this;
    }

    /** The stored array itself, for the codec in this package: callers must not modify it. */
    byte[] raw(int code) {
        return values[code];
    }

    /** Appends bytes to an option (RFC 3396 concatenation while decoding); takes ownership of nothing. */
    void append(int code, byte[] source, int offset, int length) {
        byte[] old = values[code];
        if (old == null) {
            putOwned(code, Arrays.copyOfRange(source, offset, offset + length));
        } else {
            byte[] joined = Arrays.copyOf(old, old.length + length);
            System.arraycopy(source, offset, joined, old.length, length);
            values[code] = joined;
        }
    }

    private void putOwned(int code, byte[] value) {
        if (values[checkCode(code)] == null) {
            order[count++] = code;
        }
        values[code] = value;
    }

    private static int checkCode(int code) {
        if (code <= 0 || code >= 255) {
            throw new IllegalArgumentException("option code " + code + " is not between 1 and 254");
        }
        return code;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DhcpOptions)) {
            return false;
        }
        DhcpOptions that = (DhcpOptions) other;
        if (that.count != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (that.order[i] != order[i] || !Arrays.equals(that.values[order[i]], values[order[i]])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = count;
        for (int i = 0; i < count; i++) {
            hash = 31 * hash + order[i];
            hash = 31 * hash + Arrays.hashCode(values[order[i]]);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(order[i]).append("=").append(HexBytes.toHex(values[order[i]]));
        }
        return out.append('}').toString();
    }
}
