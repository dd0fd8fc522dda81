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

    private static final int INITIAL_CAPACITY = 12;

    /** Codes and values side by side, in wire order; a message carries a dozen options or so, so a scan is the fastest look-up. */
    private int[] codes = new int[INITIAL_CAPACITY];
    private byte[][] values = new byte[INITIAL_CAPACITY][];
    private int count;

    /** Creates an empty option set. */
    public DhcpOptions() {
    }

    private int indexOf(int code) {
        for (int i = 0; i < count; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the option is present (with any length, zero included). */
    public boolean contains(int code) {
        return indexOf(checkCode(code)) >= 0;
    }

    /** The number of distinct option codes present. */
    public int size() {
        return count;
    }

    /** The codes present, in wire order. */
    public int[] codes() {
        return Arrays.copyOf(codes, count);
    }

    /** A copy of the option's value, or null when the option is absent. */
    public byte[] get(int code) {
        byte[] value = raw(checkCode(code));
        return value == null ? null : value.clone();
    }

    /** The option's value length, or -1 when absent. */
    public int length(int code) {
        byte[] value = raw(checkCode(code));
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
        int at = indexOf(checkCode(code));
        if (at < 0) {
            return false;
        }
        System.arraycopy(codes, at + 1, codes, at, count - at - 1);
        System.arraycopy(values, at + 1, values, at, count - at - 1);
        count--;
        values[count] = null;
        return true;
    }

    /** Removes every option. */
    public void clear() {
        Arrays.fill(values, 0, count, null);
        count = 0;
    }

    /**
     * Orders the options as Kea writes them: {@code firstCode} (the message type, usually) first,
     * the others by ascending code.
     */
    public DhcpOptions orderByCode(int firstCode) {
        for (int i = 1; i < count; i++) {
            int code = codes[i];
            byte[] value = values[i];
            int j = i - 1;
            while (j >= 0 && before(code, codes[j], firstCode)) {
                codes[j + 1] = codes[j];
                values[j + 1] = values[j];
                j--;
            }
            codes[j + 1] = code;
            values[j + 1] = value;
        }
        return this;
    }

    private static boolean before(int a, int b, int first) {
        return a == first ? b != first : b != first && a < b;
    }

    /** A one-byte option as an unsigned value (RFC 2132 types such as message type, overload). */
    public OptionalInt getUint8(int code) {
        byte[] v = raw(checkCode(code));
        return v != null && v.length == 1 ? OptionalInt.of(v[0] & 0xFF) : OptionalInt.empty();
    }

    /** A two-byte option as an unsigned value (for example maximum message size, option 57). */
    public OptionalInt getUint16(int code) {
        byte[] v = raw(checkCode(code));
        return v != null && v.length == 2 ? OptionalInt.of((v[0] & 0xFF) << 8 | v[1] & 0xFF) : OptionalInt.empty();
    }

    /** A four-byte option as an unsigned value (lease, renewal and rebinding times). */
    public OptionalLong getUint32(int code) {
        byte[] v = raw(checkCode(code));
        return v != null && v.length == 4
                ? OptionalLong.of(Ipv4Address.toBits(v, 0) & 0xFFFFFFFFL) : OptionalLong.empty();
    }

    /** A four-byte option as an IPv4 address (requested address, server identifier, ...). */
    public Optional<Ipv4Address> getIpv4(int code) {
        byte[] v = raw(checkCode(code));
        return v != null && v.length == 4 ? Optional.of(Ipv4Address.fromBytes(v, 0)) : Optional.empty();
    }

    /** An option holding a list of IPv4 addresses (routers, name servers); empty when absent or misaligned. */
    public List<Ipv4Address> getIpv4List(int code) {
        byte[] v = raw(checkCode(code));
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
        byte[] v = raw(checkCode(code));
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
            putOwned(other.codes[i], other.values[i].clone());
        }
        return this;
    }

    /** The stored array itself, for the codec in this package: callers must not modify it. */
    byte[] raw(int code) {
        int at = indexOf(code);
        return at < 0 ? null : values[at];
    }

    /** Appends bytes to an option (RFC 3396 concatenation while decoding); takes ownership of nothing. */
    void append(int code, byte[] source, int offset, int length) {
        int at = indexOf(code);
        if (at < 0) {
            putOwned(code, Arrays.copyOfRange(source, offset, offset + length));
        } else {
            byte[] old = values[at];
            byte[] joined = Arrays.copyOf(old, old.length + length);
            System.arraycopy(source, offset, joined, old.length, length);
            values[at] = joined;
        }
    }

    private void putOwned(int code, byte[] value) {
        int at = indexOf(checkCode(code));
        if (at >= 0) {
            values[at] = value;
            return;
        }
        if (count == codes.length) {
            codes = Arrays.copyOf(codes, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        codes[count] = code;
        values[count++] = value;
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
            if (that.codes[i] != codes[i] || !Arrays.equals(that.values[i], values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = count;
        for (int i = 0; i < count; i++) {
            hash = 31 * hash + codes[i];
            hash = 31 * hash + Arrays.hashCode(values[i]);
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
            out.append(codes[i]).append("=").append(HexBytes.toHex(values[i]));
        }
        return out.append('}').toString();
    }
}
