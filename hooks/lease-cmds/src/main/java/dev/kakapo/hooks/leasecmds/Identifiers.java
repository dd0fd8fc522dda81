package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.io.ByteArrayOutputStream;

/** Kea's text forms of addresses and identifiers, read with Kea's error texts. */
final class Identifiers {

    private Identifiers() {
    }

    static Ipv4Address address(String text) throws CommandFailure {
        return Ipv4Address.tryParse(text).orElseThrow(
                () -> CommandFailure.badArguments("Failed to convert string to address '" + text + "': Invalid argument"));
    }

    /** A hardware address: groups of one or two hex digits separated by colons; empty for none (declined leases). */
    static HardwareAddress hwAddress(String text) throws CommandFailure {
        if (text.isEmpty()) {
            return null;
        }
        return HardwareAddress.of(HardwareAddress.ETHERNET, colonHex(text));
    }

    /** A client identifier: {@code aa:bb}, {@code aa bb}, {@code aabb} or {@code 0xaabb}. */
    static byte[] clientId(String text) throws CommandFailure {
        String s = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        byte[] bytes;
        if (s.indexOf(':') >= 0 || s.indexOf(' ') >= 0) {
            bytes = colonHex(s.replace(' ', ':'));
        } else {
            if (s.length() % 2 == 1) {
                s = "0" + s;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < s.length(); i += 2) {
                out.write(digit(s.charAt(i), text) << 4 | digit(s.charAt(i + 1), text));
            }
            bytes = out.toByteArray();
        }
        if (bytes.length < 2 || bytes.length > 255) {
            throw CommandFailure.badArguments("client identifier '" + text + "' has " + bytes.length
                    + " bytes; it must have 2 to 255");
        }
        return bytes;
    }

    private static byte[] colonHex(String text) throws CommandFailure {
        String[] groups = text.split(":", -1);
        byte[] out = new byte[groups.length];
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty() || group.length() > 2) {
                throw CommandFailure.badArguments("invalid format of the decoded string '" + text + "'");
            }
            int value = 0;
            for (int j = 0; j < group.length(); j++) {
                value = value << 4 | digit(group.charAt(j), text);
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static int digit(char c, String text) throws CommandFailure {
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw CommandFailure.badArguments("'" + c + "' is not a valid hexadecimal digit in decoded string '" + text + "'");
        }
        return value;
    }
}
