package dev.kakapo.api.packet;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The relay agent information option (82, RFC 3046): the sub-options a relay adds, such as
 * the circuit id of the port the client is on. Sub-options are kept in wire order with their
 * raw bytes; the getters cover the ones servers act on.
 */
public final class RelayAgentInformation {

    /** Agent circuit id (1), RFC 3046. */
    public static final int CIRCUIT_ID = 1;
    /** Agent remote id (2), RFC 3046. */
    public static final int REMOTE_ID = 2;
    /** Link selection (5), RFC 3527: the subnet the client is on, when giaddr cannot say it. */
    public static final int LINK_SELECTION = 5;
    /** Subscriber id (6), RFC 3993. */
    public static final int SUBSCRIBER_ID = 6;
    /** Server identifier override (11), RFC 5107. */
    public static final int SERVER_ID_OVERRIDE = 11;
    /** Relay agent identifier (12), RFC 6925. */
    public static final int RELAY_ID = 12;
    /** Relay source port (19), RFC 8357. */
    public static final int RELAY_PORT = 19;

    /**
     * One sub-option.
     *
     * @param code  the sub-option code
     * @param value the sub-option's bytes
     */
    public record SubOption(int code, byte[] value) {

        /** Copies the value so the sub-option cannot change afterwards. */
        public SubOption {
            if (code < 0 || code > 255 || value.length > 255) {
                throw new IllegalArgumentException("sub-option " + code + " with " + value.length + " bytes does not fit option 82");
            }
            value = value.clone();
        }

        /** A copy of the value. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SubOption && ((SubOption) other).code == code
                    && Arrays.equals(((SubOption) other).value, value);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return code + "=" + HexBytes.toHex(value);
        }
    }

    private final List<SubOption> subOptions;

    /** Creates the option from sub-options, kept in the given order. */
    public RelayAgentInformation(List<SubOption> subOptions) {
        this.subOptions = List.copyOf(subOptions);
    }

    /** Decodes the option's value; empty when a sub-option runs past the end. */
    public static Optional<RelayAgentInformation> decode(byte[] value) {
        List<SubOption> subs = new ArrayList<>();
        int i = 0;
        while (i < value.length) {
            if (i + 2 > value.length) {
                return Optional.empty();
            }
            int code = value[i] & 0xFF;
            int length = value[i + 1] & 0xFF;
            if (i + 2 + length > value.length) {
                return Optional.empty();
            }
            subs.add(new SubOption(code, Arrays.copyOfRange(value, i + 2, i + 2 + length)));
            i += 2 + length;
        }
        return Optional.of(new RelayAgentInformation(subs));
    }

    /** The option's value: the sub-options in order. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SubOption sub : subOptions) {
            out.write(sub.code);
            out.write(sub.value.length);
            out.writeBytes(sub.value);
        }
        return out.toByteArray();
    }

    /** All sub-options in wire order. */
    public List<SubOption> subOptions() {
        return subOptions;
    }

    /** The first sub-option with this code. */
    public Optional<byte[]> get(int code) {
        for (SubOption sub : subOptions) {
            if (sub.code == code) {
                return Optional.of(sub.value());
            }
        }
        return Optional.empty();
    }

    /** The agent circuit id (sub-option 1). */
    public Optional<byte[]> circuitId() {
        return get(CIRCUIT_ID);
    }

    /** The agent remote id (sub-option 2). */
    public Optional<byte[]> remoteId() {
        return get(REMOTE_ID);
    }

    /** The link selection address (sub-option 5); empty when absent or not four bytes. */
    public Optional<Ipv4Address> linkSelection() {
        return get(LINK_SELECTION).filter(v -> v.length == 4).map(v -> Ipv4Address.fromBytes(v, 0));
    }

    /** The subscriber id (sub-option 6). */
    public Optional<byte[]> subscriberId() {
        return get(SUBSCRIBER_ID);
    }

    /** The server identifier override (sub-option 11); empty when absent or not four bytes. */
    public Optional<Ipv4Address> serverIdOverride() {
        return get(SERVER_ID_OVERRIDE).filter(v -> v.length == 4).map(v -> Ipv4Address.fromBytes(v, 0));
    }

    /** The relay agent identifier (sub-option 12). */
    public Optional<byte[]> relayId() {
        return get(RELAY_ID);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelayAgentInformation && ((RelayAgentInformation) other).subOptions.equals(subOptions);
    }

    @Override
    public int hashCode() {
        return subOptions.hashCode();
    }

    @Override
    public String toString() {
        return "RelayAgentInformation" + subOptions;
    }
}
