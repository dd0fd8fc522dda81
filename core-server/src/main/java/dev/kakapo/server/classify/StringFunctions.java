package dev.kakapo.server.classify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Kea's string functions, on byte strings, with Kea's answers at the edges (an empty string, never an error). */
final class StringFunctions {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StringFunctions() {
    }

    /**
     * {@code substring(value, start, length)}: a negative start counts from the end, a negative
     * length takes the bytes before the start, {@code all} (null here) the rest of the value.
     */
    static byte[] substring(byte[] value, int start, Integer length) {
        int size = value.length;
        int from = start < 0 ? size + start : start;
        if (from < 0 || from >= size) {
            return PacketValues.EMPTY;
        }
        int begin;
        int end;
        if (length == null) {
            begin = from;
            end = size;
        } else if (length >= 0) {
            begin = from;
            end = (int) Math.min((long) from + length, size);
        } else {
            begin = Math.max(0, from + length);
            end = from;
        }
        return Arrays.copyOfRange(value, begin, end);
    }

    /** {@code split(value, delimiters, field)}: field {@code field} (from 1) when cut at any of the delimiter bytes. */
    static byte[] split(byte[] value, byte[] delimiters, int field) {
        if (value.length == 0) {
            return PacketValues.EMPTY;
        }
        if (delimiters.length == 0) {
            return value;
        }
        int current = 1;
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || contains(delimiters, value[i])) {
                if (current == field) {
                    return Arrays.copyOfRange(value, start, i);
                }
                current++;
                start = i + 1;
            }
        }
        return PacketValues.EMPTY;
    }

    private static boolean contains(byte[] set, byte b) {
        for (byte candidate : set) {
            if (candidate == b) {
                return true;
            }
        }
        return false;
    }

    /** {@code hexstring(value, separator)}: lower-case hex digit pairs joined by the separator. */
    static byte[] hexstring(byte[] value, byte[] separator) {
        String glue = new String(separator, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(value.length * (2 + glue.length()));
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                out.append(glue);
            }
            out.append(HEX[(value[i] >> 4) & 0xF]).append(HEX[value[i] & 0xF]);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lower(byte[] value) {
        return new String(value, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] upper(byte[] value) {
        return new String(value, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code addrtotext}: four bytes as a dotted IPv4 address; empty for empty input, and for any other length. */
    static byte[] addressToText(byte[] value) {
        if (value.length != 4) {
            return PacketValues.EMPTY;
        }
        return ((value[0] & 0xFF) + "." + (value[1] & 0xFF) + "." + (value[2] & 0xFF) + "." + (value[3] & 0xFF))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The {@code intNtotext} / {@code uintNtotext} family: {@code bytes} bytes (1, 2 or 4) in
     * network order as decimal text; empty when the value has another length.
     */
    static byte[] integerToText(byte[] value, int bytes, boolean signed) {
        if (value.length != bytes) {
            return PacketValues.EMPTY;
        }
        long n = 0;
        for (byte b : value) {
            n = (n << 8) | (b & 0xFF);
        }
        if (signed) {
            int shift = 64 - 8 * bytes;
            n = (n << shift) >> shift;
        }
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
