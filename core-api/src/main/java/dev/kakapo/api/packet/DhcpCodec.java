package dev.kakapo.api.packet;

import dev.kakapo.api.net.Ipv4Address;

import java.util.Arrays;

/**
 * Reads and writes DHCPv4 messages (RFC 2131 section 2, RFC 2132, RFC 3396).
 *
 * <p>Decoding checks bounds once per field group, concatenates the instances of a split option,
 * follows the option overload (52) into {@code file} and {@code sname}, and checks the options
 * the server interprets. It never throws on bad bytes: see {@link DecodeResult}.
 *
 * <p>Encoding writes options in their order, splits values over 255 bytes into consecutive
 * instances, and, when a size limit is given and the options do not fit, continues them in
 * {@code file} and then {@code sname} with an overload option, as RFC 2131 section 4.1 allows.
 */
public final class DhcpCodec {

    /** The magic cookie that opens the options field: 99.130.83.99. */
    public static final int MAGIC_COOKIE = 0x63825363;
    /** Length of the fixed BOOTP header, before the magic cookie. */
    public static final int HEADER_LENGTH = 236;
    /** Offset of the first option: the header plus the four-byte cookie. */
    public static final int OPTIONS_OFFSET = HEADER_LENGTH + 4;
    /** The smallest message every DHCP client must accept, RFC 2131 section 2: 576-byte IP datagram. */
    public static final int MIN_MAX_MESSAGE_SIZE = 576 - 28;

    private static final int SNAME_OFFSET = 44;
    private static final int FILE_OFFSET = 108;

    private DhcpCodec() {
    }

    /** Decodes a whole array. */
    public static DecodeResult decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /**
     * Decodes {@code length} bytes of {@code buffer} from {@code offset}. The bytes are copied;
     * the buffer can be reused as soon as this returns.
     */
    public static DecodeResult decode(byte[] buffer, int offset, int length) {
        if (length < OPTIONS_OFFSET) {
            return DecodeResult.failure(DecodeFailure.TRUNCATED_HEADER, length,
                    "the message has " + length + " bytes; a DHCP message needs at least " + OPTIONS_OFFSET
                            + " (the 236-byte header and the magic cookie)");
        }
        byte[] b = buffer;
        int o = offset;
        int hlen = b[o + 2] & 0xFF;
        if (hlen > DhcpPacket.CHADDR_LENGTH) {
            return DecodeResult.failure(DecodeFailure.BAD_HARDWARE_LENGTH, 2,
                    "hlen is " + hlen + "; chaddr holds at most 16 bytes");
        }
        int cookie = Ipv4Address.toBits(b, o + HEADER_LENGTH);
        if (cookie != MAGIC_COOKIE) {
            return DecodeResult.failure(DecodeFailure.BAD_MAGIC_COOKIE, HEADER_LENGTH,
                    "expected the magic cookie 63825363, found " + String.format("%08x", cookie));
        }
        DhcpPacket packet = new DhcpPacket()
                .op(b[o] & 0xFF)
                .htype(b[o + 1] & 0xFF)
                .hlen(hlen)
                .hops(b[o + 3] & 0xFF)
                .xid(Ipv4Address.toBits(b, o + 4))
                .secs((b[o + 8] & 0xFF) << 8 | b[o + 9] & 0xFF)
                .flags((b[o + 10] & 0xFF) << 8 | b[o + 11] & 0xFF)
                .ciaddr(Ipv4Address.fromBytes(b, o + 12))
                .yiaddr(Ipv4Address.fromBytes(b, o + 16))
                .siaddr(Ipv4Address.fromBytes(b, o + 20))
                .giaddr(Ipv4Address.fromBytes(b, o + 24));
        System.arraycopy(b, o + 28, packet.chaddrField(), 0, DhcpPacket.CHADDR_LENGTH);
        System.arraycopy(b, o + SNAME_OFFSET, packet.snameField(), 0, DhcpPacket.SNAME_LENGTH);
        System.arraycopy(b, o + FILE_OFFSET, packet.fileField(), 0, DhcpPacket.FILE_LENGTH);

        DhcpOptions options = packet.options();
        int end = parseOptions(b, o, OPTIONS_OFFSET, length, options);
        if (end < 0) {
            return overrun(b, o, -end - 1, length);
        }
        if (end == length) {
            return DecodeResult.failure(DecodeFailure.MISSING_END, length,
                    "the options field ends without an end option (255)");
        }
        packet.trailer(Arrays.copyOfRange(b, o + end + 1, o + length));

        if (options.contains(OptionCode.OPTION_OVERLOAD)) {
            DecodeResult failed = followOverload(b, o, packet);
            if (failed != null) {
                return failed;
            }
        }
        DecodeResult invalid = OptionChecks.check(options);
        return invalid != null ? invalid : DecodeResult.success(packet);
    }

    /**
     * Parses options from {@code start} to {@code limit} (offsets relative to {@code base}) into
     * {@code options}. Returns the offset of the end option, {@code limit} when there is none, or
     * {@code -(offset + 1)} of an option that runs past {@code limit}.
     */
    private static int parseOptions(byte[] b, int base, int start, int limit, DhcpOptions options) {
        int i = start;
        while (i < limit) {
            int code = b[base + i] & 0xFF;
            if (code == OptionCode.END) {
                return i;
            }
            if (code == OptionCode.PAD) {
                i++;
                continue;
            }
            if (i + 1 >= limit) {
                return -(i + 1);
            }
            int length = b[base + i + 1] & 0xFF;
            if (i + 2 + length > limit) {
                return -(i + 1);
            }
            options.append(code, b, base + i + 2, length);
            i += 2 + length;
        }
        return limit;
    }

    private static DecodeResult overrun(byte[] b, int base, int at, int limit) {
        int code = b[base + at] & 0xFF;
        String where = at + 1 >= limit
                ? "option " + code + " has no length byte before the end of its field"
                : "option " + code + " says " + (b[base + at + 1] & 0xFF) + " bytes but only "
                        + Math.max(0, limit - at - 2) + " remain in its field";
        return DecodeResult.failure(DecodeFailure.OPTION_OVERRUN, at, where);
    }

    private static DecodeResult followOverload(byte[] b, int o, DhcpPacket packet) {
        DhcpOptions options = packet.options();
        int overload = options.getUint8(OptionCode.OPTION_OVERLOAD).orElse(-1);
        if (overload < 1 || overload > 3) {
            return DecodeResult.failure(DecodeFailure.BAD_OPTION_OVERLOAD, OPTIONS_OFFSET,
                    "option overload must be one byte of 1, 2 or 3, got " + options.length(OptionCode.OPTION_OVERLOAD)
                            + " bytes" + (overload >= 0 ? " of value " + overload : ""));
        }
        options.remove(OptionCode.OPTION_OVERLOAD);
        // RFC 3396 section 7: the options field first, then file, then sname.
        if ((overload & 1) != 0) {
            int end = parseOptions(b, o, FILE_OFFSET, FILE_OFFSET + DhcpPacket.FILE_LENGTH, options);
            if (end < 0) {
                return overrun(b, o, -end - 1, FILE_OFFSET + DhcpPacket.FILE_LENGTH);
            }
            packet.file(new byte[0]);
        }
        if ((overload & 2) != 0) {
            int end = parseOptions(b, o, SNAME_OFFSET, SNAME_OFFSET + DhcpPacket.SNAME_LENGTH, options);
            if (end < 0) {
                return overrun(b, o, -end - 1, SNAME_OFFSET + DhcpPacket.SNAME_LENGTH);
            }
            packet.sname(new byte[0]);
        }
        // An overload option inside file or sname means nothing (RFC 2131 section 4.1); drop it too.
        options.remove(OptionCode.OPTION_OVERLOAD);
        return null;
    }

    // ---- encoding ------------------------------------------------------------------------

    /** Encodes the packet with all options in the options field, however long. */
    public static byte[] encode(DhcpPacket packet) {
        byte[] out = new byte[OPTIONS_OFFSET + optionBytes(packet.options()) + 1 + packet.trailerField().length];
        int written = encode(packet, out, 0, out.length);
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    /**
     * Encodes the packet into at most {@code maxSize} bytes (the client's maximum message size,
     * option 57, or {@link #MIN_MAX_MESSAGE_SIZE}), overloading {@code file} and {@code sname}
     * when they are empty and the options need the room.
     *
     * @throws DhcpEncodeException when the options do not fit even then
     */
    public static byte[] encode(DhcpPacket packet, int maxSize) {
        byte[] out = new byte[maxSize];
        int written = encode(packet, out, 0, maxSize);
        return Arrays.copyOf(out, written);
    }

    /**
     * Encodes the packet into {@code target} from {@code offset}, using at most {@code capacity}
     * bytes, and returns the number written. The trailer (padding) is written only when it fits.
     *
     * @throws DhcpEncodeException when the packet does not fit even with option overload
     */
    public static int encode(DhcpPacket packet, byte[] target, int offset, int capacity) {
        if (capacity < OPTIONS_OFFSET + 1) {
            throw new DhcpEncodeException("a DHCP message needs at least " + (OPTIONS_OFFSET + 1) + " bytes, only " + capacity + " allowed");
        }
        byte[] t = target;
        int o = offset;
        writeHeader(packet, t, o);
        DhcpOptions options = packet.options();
        int needed = optionBytes(options);
        byte[] trailer = packet.trailerField();
        if (OPTIONS_OFFSET + needed + 1 <= capacity) {
            int i = writeOptions(options, t, o + OPTIONS_OFFSET);
            t[i++] = (byte) OptionCode.END;
            int used = i - o;
            if (used + trailer.length <= capacity) {
                System.arraycopy(trailer, 0, t, i, trailer.length);
                used += trailer.length;
            }
            return used;
        }
        return encodeOverloaded(packet, needed, t, o, capacity);
    }

    private static void writeHeader(DhcpPacket p, byte[] t, int o) {
        t[o] = (byte) p.op();
        t[o + 1] = (byte) p.htype();
        t[o + 2] = (byte) p.hlen();
        t[o + 3] = (byte) p.hops();
        Ipv4Address.of(p.xid()).writeTo(t, o + 4);
        t[o + 8] = (byte) (p.secs() >>> 8);
        t[o + 9] = (byte) p.secs();
        t[o + 10] = (byte) (p.flags() >>> 8);
        t[o + 11] = (byte) p.flags();
        p.ciaddr().writeTo(t, o + 12);
        p.yiaddr().writeTo(t, o + 16);
        p.siaddr().writeTo(t, o + 20);
        p.giaddr().writeTo(t, o + 24);
        System.arraycopy(p.chaddrField(), 0, t, o + 28, DhcpPacket.CHADDR_LENGTH);
        System.arraycopy(p.snameField(), 0, t, o + SNAME_OFFSET, DhcpPacket.SNAME_LENGTH);
        System.arraycopy(p.fileField(), 0, t, o + FILE_OFFSET, DhcpPacket.FILE_LENGTH);
        Ipv4Address.of(MAGIC_COOKIE).writeTo(t, o + HEADER_LENGTH);
    }

    /** Bytes the options take on the wire, split instances included, the end option not. */
    static int optionBytes(DhcpOptions options) {
        int total = 0;
        for (int code : options.codes()) {
            int length = options.raw(code).length;
            int instances = Math.max(1, (length + 254) / 255);
            total += 2 * instances + length;
        }
        return total;
    }

    private static int writeOptions(DhcpOptions options, byte[] t, int i) {
        for (int code : options.codes()) {
            byte[] value = options.raw(code);
            int done = 0;
            do {
                int chunk = Math.min(255, value.length - done);
                t[i++] = (byte) code;
                t[i++] = (byte) chunk;
                System.arraycopy(value, done, t, i, chunk);
                i += chunk;
                done += chunk;
            } while (done < value.length);
        }
        return i;
    }

    private static int encodeOverloaded(DhcpPacket packet, int needed, byte[] t, int o, int capacity) {
        if (capacity < OPTIONS_OFFSET + 4) {
            throw new DhcpEncodeException("the options need " + needed + " bytes; " + capacity
                    + " bytes leave no room even for an overload option");
        }
        boolean fileFree = isZero(packet.fileField());
        boolean snameFree = isZero(packet.snameField());
        // Main field: the options, then the overload option (3 bytes) and the end option.
        Area main = new Area(o + OPTIONS_OFFSET, capacity - OPTIONS_OFFSET - 4);
        Area file = fileFree ? new Area(o + FILE_OFFSET, DhcpPacket.FILE_LENGTH - 1) : null;
        Area sname = snameFree ? new Area(o + SNAME_OFFSET, DhcpPacket.SNAME_LENGTH - 1) : null;
        Area[] areas = {main, file, sname};
        int area = 0;
        DhcpOptions options = packet.options();
        for (int code : options.codes()) {
            byte[] value = options.raw(code);
            int done = 0;
            do {
                while (area < areas.length && (areas[area] == null || areas[area].free() < (value.length == 0 ? 2 : 3))) {
                    area++;
                }
                if (area == areas.length) {
                    throw new DhcpEncodeException("the options need " + needed + " bytes; they do not fit in "
                            + capacity + " bytes even with " + (fileFree ? "file" : "") + (fileFree && snameFree ? " and " : "")
                            + (snameFree ? "sname" : "") + (fileFree || snameFree ? " overloaded" : "no free file or sname field"));
                }
                Area a = areas[area];
                int chunk = Math.min(Math.min(255, value.length - done), a.free() - 2);
                t[a.next++] = (byte) code;
                t[a.next++] = (byte) chunk;
                System.arraycopy(value, done, t, a.next, chunk);
                a.next += chunk;
                done += chunk;
            } while (done < value.length);
        }
        int overload = (file != null && file.used() > 0 ? 1 : 0) | (sname != null && sname.used() > 0 ? 2 : 0);
        int i = main.next;
        t[i++] = (byte) OptionCode.OPTION_OVERLOAD;
        t[i++] = 1;
        t[i++] = (byte) overload;
        t[i++] = (byte) OptionCode.END;
        if (file != null && file.used() > 0) {
            t[file.next] = (byte) OptionCode.END;
        }
        if (sname != null && sname.used() > 0) {
            t[sname.next] = (byte) OptionCode.END;
        }
        return i - o;
    }

    private static boolean isZero(byte[] field) {
        for (byte b : field) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Room for options in one field of the message, leaving a byte for its end option. */
    private static final class Area {
        final int start;
        final int limit;
        int next;

        Area(int start, int room) {
            this.start = start;
            this.limit = start + room;
            this.next = start;
        }

        int free() {
            return limit - next;
        }

        int used() {
            return next - start;
        }
    }
}
