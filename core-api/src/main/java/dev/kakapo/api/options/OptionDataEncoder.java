package dev.kakapo.api.options;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.net.Ipv4Prefix;
import dev.kakapo.api.packet.DomainNames;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the {@code data} of a Kea {@code option-data} entry into option bytes, following Kea's
 * rules: with {@code csv-format} (the default) the text is split on commas ({@code \,} keeps a
 * comma), each value is trimmed and converted by its field type; without it the text is hex
 * ({@code 0a0b}, {@code 0a:0b}, {@code 0x0a0b}) or a quoted string ({@code 'text'}).
 */
public final class OptionDataEncoder {

    private OptionDataEncoder() {
    }

    /**
     * Encodes {@code data} for an option of definition {@code def}.
     *
     * @param csvFormat Kea's {@code csv-format}: true to read comma-separated values, false for hex
     * @throws OptionDataException when the text does not fit the definition
     */
    public static EncodedOption encode(OptionDefinition def, String data, boolean csvFormat) {
        if (!csvFormat) {
            byte[] bytes = encodeBinary(data);
            checkBinaryFits(def, bytes);
            return new EncodedOption(bytes, List.of());
        }
        List<String> values = splitValues(data);
        List<String> warnings = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (def.type()) {
            case EMPTY:
                if (!values.isEmpty()) {
                    throw new OptionDataException("option '" + def.name() + "' carries no data of its own, but data '" + data + "' is given");
                }
                break;
            case RECORD:
                encodeRecord(def, values, out, warnings);
                break;
            case INTERNAL:
                out.writeBytes(encodeInternal(def, data));
                break;
            default:
                if (def.array()) {
                    for (String value : values) {
                        out.writeBytes(encodeValue(def.type(), value));
                    }
                } else {
                    if (values.isEmpty()) {
                        throw new OptionDataException("no value given for option '" + def.name() + "'");
                    }
                    out.writeBytes(encodeValue(def.type(), values.get(0)));
                    if (values.size() > 1) {
                        warnings.add("option '" + def.name() + "' takes one value; only '" + values.get(0)
                                + "' is used, as Kea does (write \\\\, to keep a comma in the value)");
                    }
                }
        }
        if (out.size() > 65535) {
            throw new OptionDataException("option '" + def.name() + "' would be " + out.size() + " bytes long");
        }
        return new EncodedOption(out.toByteArray(), warnings);
    }

    /**
     * Decodes {@code csv-format: false} data: a quoted string such as {@code 'PXEClient'} gives its
     * characters; otherwise hex digits, optionally after {@code 0x}, plain or separated by colons
     * or spaces. Empty text gives no bytes.
     *
     * @throws OptionDataException when the text is neither
     */
    public static byte[] encodeBinary(String data) {
        String text = data.trim();
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return HexBytes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionDataException("option data is not a valid string of hexadecimal digits: " + data);
        }
    }

    /** Splits on commas not preceded by a backslash, unescapes, trims, and drops empty values, as Kea does. */
    static List<String> splitValues(String data) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\\' && i + 1 < data.length()) {
                current.append(data.charAt(++i));
            } else if (c == ',') {
                addValue(values, current);
            } else {
                current.append(c);
            }
        }
        addValue(values, current);
        return values;
    }

    private static void addValue(List<String> values, StringBuilder current) {
        String value = current.toString().trim();
        if (!value.isEmpty()) {
            values.add(value);
        }
        current.setLength(0);
    }

    private static void encodeRecord(OptionDefinition def, List<String> values, ByteArrayOutputStream out, List<String> warnings) {
        List<OptionDataType> fields = def.recordTypes();
        if (values.size() < fields.size()) {
            throw new OptionDataException("option '" + def.name() + "' is a record of " + fields.size() + " fields ("
                    + fields + ") but " + values.size() + " values are given");
        }
        for (int i = 0; i < fields.size(); i++) {
            out.writeBytes(encodeValue(fields.get(i), values.get(i)));
        }
        OptionDataType last = fields.get(fields.size() - 1);
        for (int i = fields.size(); i < values.size(); i++) {
            if (def.array()) {
                out.writeBytes(encodeValue(last, values.get(i)));
            } else {
                warnings.add("option '" + def.name() + "' has " + fields.size() + " fields; value '" + values.get(i) + "' is ignored");
            }
        }
    }

    /**
     * Encodes one value of a simple type.
     *
     * @throws OptionDataException when the text is not a value of that type
     */
    public static byte[] encodeValue(OptionDataType type, String value) {
        switch (type) {
            case BINARY:
                if (value.length() % 2 != 0 || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new OptionDataException("'" + value + "' is not binary data: expected an even number of hex digits");
                }
                return HexBytes.parse(value);
            case BOOLEAN:
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("1")) {
                    return new byte[] {1};
                }
                if (lower.equals("false") || lower.equals("0")) {
                    return new byte[] {0};
                }
                throw new OptionDataException("'" + value + "' is not a boolean: expected true, false, 1 or 0");
            case INT8:
                return bigEndian(integer(value, -128, 127), 1);
            case INT16:
                return bigEndian(integer(value, -32768, 32767), 2);
            case INT32:
                return bigEndian(integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE), 4);
            case UINT8:
                return bigEndian(integer(value, 0, 255), 1);
            case UINT16:
                return bigEndian(integer(value, 0, 65535), 2);
            case UINT32:
                return bigEndian(integer(value, 0, 4294967295L), 4);
            case IPV4_ADDRESS:
                return Ipv4Address.tryParse(value)
                        .orElseThrow(() -> new OptionDataException("'" + value + "' is not an IPv4 address"))
                        .toBytes();
            case IPV6_ADDRESS:
                return ipv6(value);
            case STRING:
                return value.getBytes(StandardCharsets.UTF_8);
            case TUPLE:
                byte[] text = value.getBytes(StandardCharsets.UTF_8);
                if (text.length > 255) {
                    throw new OptionDataException("'" + value + "' is longer than the 255 bytes a tuple holds");
                }
                byte[] tuple = new byte[text.length + 1];
                tuple[0] = (byte) text.length;
                System.arraycopy(text, 0, tuple, 1, text.length);
                return tuple;
            case FQDN:
                try {
                    return DomainNames.toWire(value, true);
                } catch (IllegalArgumentException e) {
                    throw new OptionDataException("'" + value + "' is not a domain name: " + e.getMessage());
                }
            default:
                throw new OptionDataException("values of type " + type + " cannot be written in configuration yet");
        }
    }

    private static long integer(String value, long min, long max) {
        long parsed;
        try {
            String digits = value;
            boolean negative = digits.startsWith("-");
            if (negative) {
                digits = digits.substring(1);
            }
            parsed = digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
            if (negative) {
                parsed = -parsed;
            }
        } catch (NumberFormatException e) {
            throw new OptionDataException("'" + value + "' is not an integer");
        }
        if (parsed < min || parsed > max) {
            throw new OptionDataException("'" + value + "' is out of range: expected " + min + ".." + max);
        }
        return parsed;
    }

    private static byte[] bigEndian(long value, int size) {
        byte[] out = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>= 8;
        }
        return out;
    }

    private static byte[] ipv6(String value) {
        // Only literals: the check keeps InetAddress from ever looking a name up.
        if (value.indexOf(':') < 0 || !value.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new OptionDataException("'" + value + "' is not an IPv6 address");
        }
        try {
            InetAddress address = InetAddress.getByName(value);
            if (address instanceof Inet6Address) {
                return address.getAddress();
            }
        } catch (UnknownHostException e) {
            // fall through to the error below
        }
        throw new OptionDataException("'" + value + "' is not an IPv6 address");
    }

    private static byte[] encodeInternal(OptionDefinition def, String data) {
        if (def.code() == 121) {
            return classlessStaticRoutes(data);
        }
        throw new OptionDataException("option '" + def.name() + "' cannot be written in configuration yet");
    }

    /**
     * Option 121 (RFC 3442) in Kea's notation: {@code "10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 192.0.2.1"}.
     * Each route is written as the prefix length, the significant bytes of the destination and the router.
     */
    private static byte[] classlessStaticRoutes(String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String route : splitValues(data)) {
            int dash = route.indexOf(" - ");
            if (dash < 0) {
                throw new OptionDataException("route '" + route + "' is not 'destination/length - router'");
            }
            Ipv4Prefix destination;
            try {
                destination = Ipv4Prefix.parse(route.substring(0, dash).trim());
            } catch (IllegalArgumentException e) {
                throw new OptionDataException("route '" + route + "': " + e.getMessage());
            }
            byte[] router = encodeValue(OptionDataType.IPV4_ADDRESS, route.substring(dash + 3).trim());
            out.write(destination.length());
            out.write(destination.address().toBytes(), 0, (destination.length() + 7) / 8);
            out.writeBytes(router);
        }
        if (out.size() == 0) {
            throw new OptionDataException("no route given for option 121");
        }
        return out.toByteArray();
    }

    private static void checkBinaryFits(OptionDefinition def, byte[] bytes) {
        int size = def.type().fixedSize();
        if (def.type() == OptionDataType.RECORD || size <= 0) {
            return;
        }
        boolean fits = def.array() ? bytes.length % size == 0 : bytes.length == size;
        if (!fits) {
            throw new OptionDataException("option '" + def.name() + "' holds " + (def.array() ? "a multiple of " : "")
                    + size + " bytes of " + def.type() + ", but the hex data has " + bytes.length);
        }
    }
}
