package dev.kakapo.api.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** DNS wire format of domain names (RFC 1035 section 3.1), without compression. */
public final class DomainNames {

    private DomainNames() {
    }

    /**
     * Encodes a dotted name as length-prefixed labels, ending with the root label when
     * {@code fullyQualified}. An empty name gives just the root label (or nothing when partial).
     *
     * @throws IllegalArgumentException for an empty label, a label over 63 bytes or a name over 255 bytes
     */
    public static byte[] toWire(String name, boolean fullyQualified) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!trimmed.isEmpty()) {
            for (String label : trimmed.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0) {
                    throw new IllegalArgumentException("'" + name + "' has an empty label");
                }
                if (bytes.length > 63) {
                    throw new IllegalArgumentException("'" + name + "' has a label longer than 63 bytes");
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        if (fullyQualified) {
            out.write(0);
        }
        if (out.size() > 255) {
            throw new IllegalArgumentException("'" + name + "' is longer than 255 bytes in wire format");
        }
        return out.toByteArray();
    }
}
