package dev.kakapo.api.options;

import java.util.Locale;
import java.util.Optional;

/** The data types of Kea option definitions, by the names Kea's {@code option-def} uses. */
public enum OptionDataType {
    /** No data: a flag option, or a container of sub-options. */
    EMPTY("empty"),
    /** Opaque bytes, written in configuration as hex. */
    BINARY("binary"),
    /** One byte, 1 for true and 0 for false. */
    BOOLEAN("boolean"),
    /** Signed 8-bit integer. */
    INT8("int8"),
    /** Signed 16-bit integer, network order. */
    INT16("int16"),
    /** Signed 32-bit integer, network order. */
    INT32("int32"),
    /** Unsigned 8-bit integer. */
    UINT8("uint8"),
    /** Unsigned 16-bit integer, network order. */
    UINT16("uint16"),
    /** Unsigned 32-bit integer, network order. */
    UINT32("uint32"),
    /** Four bytes of an IPv4 address. */
    IPV4_ADDRESS("ipv4-address"),
    /** Sixteen bytes of an IPv6 address. */
    IPV6_ADDRESS("ipv6-address"),
    /** An IPv6 prefix: a length byte and the prefix bytes. */
    IPV6_PREFIX("ipv6-prefix"),
    /** A port-set identifier (RFC 7597): a length byte and a 16-bit value. */
    PSID("psid"),
    /** Text bytes, without a terminating NUL. */
    STRING("string"),
    /** A length byte followed by that many text bytes. */
    TUPLE("tuple"),
    /** A domain name in DNS wire format (RFC 1035 section 3.1). */
    FQDN("fqdn"),
    /** A sequence of fields with their own types, listed in {@code record-types}. */
    RECORD("record"),
    /** A format particular to one option, handled by code rather than by a generic type. */
    INTERNAL("internal");

    private final String keaName;

    OptionDataType(String keaName) {
        this.keaName = keaName;
    }

    /** The name used in Kea's configuration, such as {@code ipv4-address}. */
    public String keaName() {
        return keaName;
    }

    /** Looks a type up by its Kea name, ignoring case. */
    public static Optional<OptionDataType> fromKeaName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (OptionDataType type : values()) {
            if (type.keaName.equals(wanted) && type != INTERNAL) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The fixed size in bytes of a value of this type, or -1 when the size varies. */
    public int fixedSize() {
        switch (this) {
            case BOOLEAN:
            case INT8:
            case UINT8:
                return 1;
            case INT16:
            case UINT16:
                return 2;
            case INT32:
            case UINT32:
            case IPV4_ADDRESS:
                return 4;
            case IPV6_ADDRESS:
                return 16;
            case PSID:
                return 3;
            case EMPTY:
                return 0;
            default:
                return -1;
        }
    }

    @Override
    public String toString() {
        return keaName;
    }
}
