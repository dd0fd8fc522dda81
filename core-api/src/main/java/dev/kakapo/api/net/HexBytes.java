package dev.kakapo.api.net;

/**
 * Kea's hex notations for binary values (identifiers, {@code csv-format: false} option data).
 */
public final class HexBytes {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexBytes() {
    }

    /**
     * Parses hex text the way Kea does for identifiers and binary option data: an optional
     * {@code 0x} prefix, then either plain hex digits ({@code 0a0b0c}, an odd count gets a leading
     * zero) or groups of one or two digits separated by colons, spaces or dashes
     * ({@code 0a:b:0c}, {@code 0a 0b 0c}). An empty text gives no bytes.
     *
     * @throws IllegalArgumentException when the text is not hex
     */
    public static byte[] parse(String text) {
        String s = text.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            return new byte[0];
        }
        boolean separated = s.indexOf(':') >= 0 || s.indexOf(' ') >= 0 || s.indexOf('-') >= 0;
        if (!separated) {
            if (s.length() % 2 == 1) {
                s = "0" + s;
            }
            byte[] out = new byte[s.length() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (digit(text, s.charAt(2 * i)) << 4 | digit(text, s.charAt(2 * i + 1)));
            }
            return out;
        }
        String[] groups = s.split("[: -]", -1);
        byte[] out = new byte[groups.length];
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty() || group.length() > 2) {
                throw new IllegalArgumentException("'" + text + "' is not valid hex: each separated group needs one or two digits");
            }
            int value = 0;
            for (int j = 0; j < group.length(); j++) {
                value = value << 4 | digit(text, group.charAt(j));
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static int digit(String text, char c) {
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw new IllegalArgumentException("'" + text + "' is not valid hex: '" + c + "' is not a hex digit");
        }
        return value;
    }

    /** Lowercase hex bytes separated by colons ({@code 01:02:0a}); empty for no bytes. */
    public static String toColonHex(byte[] bytes) {
        return toColonHex(bytes, 0, bytes.length);
    }

    /** Lowercase colon-separated hex of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static String toColonHex(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return "";
        }
        char[] out = new char[length * 3 - 1];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            if (i > 0) {
                out[3 * i - 1] = ':';
            }
            out[3 * i] = DIGITS[b >>> 4];
            out[3 * i + 1] = DIGITS[b & 0xF];
        }
        return new String(out);
    }

    /** Lowercase hex bytes without separators ({@code 01020a}). */
    public static String toHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] & 0xFF) >>> 4];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
