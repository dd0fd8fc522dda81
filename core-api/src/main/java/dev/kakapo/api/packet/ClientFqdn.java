package dev.kakapo.api.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The client FQDN option (81, RFC 4702): flags, two legacy RCODE bytes and a domain name that
 * is either fully qualified or a partial name the server completes.
 *
 * @param flags          the flags byte; see {@link #FLAG_S}, {@link #FLAG_O}, {@link #FLAG_E}, {@link #FLAG_N}
 * @param rcode1         the first RCODE byte (servers send 255, RFC 4702 section 2.2)
 * @param rcode2         the second RCODE byte
 * @param domainName     the name without a trailing dot; empty when the client sent none
 * @param fullyQualified whether the name is complete (its wire form ended with the root label)
 */
public record ClientFqdn(int flags, int rcode1, int rcode2, String domainName, boolean fullyQualified) {

    /** S: the server should perform the A record update (RFC 4702 section 2.1). */
    public static final int FLAG_S = 0x01;
    /** O: the server overrode the client's S preference (server to client only). */
    public static final int FLAG_O = 0x02;
    /** E: the domain name is in DNS wire format rather than the deprecated ASCII form. */
    public static final int FLAG_E = 0x04;
    /** N: the server should perform no DNS updates. */
    public static final int FLAG_N = 0x08;

    /** Checks the parts. */
    public ClientFqdn {
        if ((flags & ~0x0F) != 0) {
            throw new IllegalArgumentException("client FQDN flags 0x" + Integer.toHexString(flags) + " set bits that must be zero");
        }
        if ((flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            throw new IllegalArgumentException("client FQDN flags N and S cannot both be set (RFC 4702 section 2.1)");
        }
        if (domainName.endsWith(".")) {
            throw new IllegalArgumentException("give the domain name without a trailing dot and say fullyQualified instead");
        }
    }

    /**
     * Decodes the option's value; empty when it is shorter than three bytes, sets reserved
     * flags, sets both N and S, or carries a malformed wire-format name.
     */
    public static Optional<ClientFqdn> decode(byte[] value) {
        if (value.length < 3) {
            return Optional.empty();
        }
        int flags = value[0] & 0xFF;
        if ((flags & ~0x0F) != 0 || (flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            return Optional.empty();
        }
        if ((flags & FLAG_E) == 0) {
            String name = new String(value, 3, value.length - 3, StandardCharsets.US_ASCII);
            while (name.endsWith("\0")) {
                name = name.substring(0, name.length() - 1);
            }
            boolean full = name.endsWith(".");
            return Optional.of(new ClientFqdn(flags, value[1] & 0xFF, value[2] & 0xFF,
                    full ? name.substring(0, name.length() - 1) : name, full));
        }
        StringBuilder name = new StringBuilder();
        int i = 3;
        boolean full = false;
        while (i < value.length) {
            int length = value[i++] & 0xFF;
            if (length == 0) {
                full = true;
                break;
            }
            if (length > 63 || i + length > value.length) {
                return Optional.empty();
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(value, i, length, StandardCharsets.US_ASCII));
            i += length;
        }
        if (i != value.length) {
            return Optional.empty();
        }
        return Optional.of(new ClientFqdn(flags, value[1] & 0xFF, value[2] & 0xFF, name.toString(), full));
    }

    /** Encodes the option's value: wire format when {@link #FLAG_E} is set, ASCII otherwise. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(rcode1);
        out.write(rcode2);
        if ((flags & FLAG_E) != 0) {
            out.writeBytes(DomainNames.toWire(domainName, fullyQualified));
        } else {
            out.writeBytes((fullyQualified && !domainName.isEmpty() ? domainName + "." : domainName)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Whether a flag such as {@link #FLAG_S} is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
