package dev.kakapo.api.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.kakapo.api.options.OptionDataType.BINARY;
import static dev.kakapo.api.options.OptionDataType.BOOLEAN;
import static dev.kakapo.api.options.OptionDataType.EMPTY;
import static dev.kakapo.api.options.OptionDataType.FQDN;
import static dev.kakapo.api.options.OptionDataType.INT32;
import static dev.kakapo.api.options.OptionDataType.INTERNAL;
import static dev.kakapo.api.options.OptionDataType.IPV4_ADDRESS;
import static dev.kakapo.api.options.OptionDataType.IPV6_ADDRESS;
import static dev.kakapo.api.options.OptionDataType.RECORD;
import static dev.kakapo.api.options.OptionDataType.STRING;
import static dev.kakapo.api.options.OptionDataType.UINT16;
import static dev.kakapo.api.options.OptionDataType.UINT32;
import static dev.kakapo.api.options.OptionDataType.UINT8;

/**
 * The DHCPv4 option definitions Kea knows without any {@code option-def}: every option of the
 * {@code dhcp4} space that Kea 2.2 defines, by the same names, codes and types, plus the ones
 * later Kea versions added (see {@link #isLaterAddition}), so configurations written for either
 * resolve option names the same way.
 */
public final class StandardOptionDefinitions {

    /** The space of top-level DHCPv4 options. */
    public static final String DHCP4_SPACE = "dhcp4";
    /** The space of relay agent information sub-options, encapsulated by option 82. */
    public static final String AGENT_OPTIONS_SPACE = "dhcp-agent-options-space";
    /** The space of vendor-specific sub-options, encapsulated by option 43. */
    public static final String VENDOR_ENCAPSULATED_SPACE = "vendor-encapsulated-options-space";

    private static final List<OptionDefinition> ALL;
    private static final Map<String, OptionDefinition> BY_NAME = new HashMap<>();
    private static final OptionDefinition[] BY_CODE = new OptionDefinition[256];
    /** Codes standardised after Kea 2.2; a Kea 2.2 configuration may still define them with option-def. */
    private static final Set<Integer> LATER_ADDITIONS = Set.of(121);

    static {
        List<OptionDefinition> defs = new ArrayList<>();
        one(defs, "subnet-mask", 1, IPV4_ADDRESS);
        one(defs, "time-offset", 2, INT32);
        list(defs, "routers", 3, IPV4_ADDRESS);
        list(defs, "time-servers", 4, IPV4_ADDRESS);
        list(defs, "name-servers", 5, IPV4_ADDRESS);
        list(defs, "domain-name-servers", 6, IPV4_ADDRESS);
        list(defs, "log-servers", 7, IPV4_ADDRESS);
        list(defs, "cookie-servers", 8, IPV4_ADDRESS);
        list(defs, "lpr-servers", 9, IPV4_ADDRESS);
        list(defs, "impress-servers", 10, IPV4_ADDRESS);
        list(defs, "resource-location-servers", 11, IPV4_ADDRESS);
        one(defs, "host-name", 12, STRING);
        one(defs, "boot-size", 13, UINT16);
        one(defs, "merit-dump", 14, STRING);
        one(defs, "domain-name", 15, STRING);
        one(defs, "swap-server", 16, IPV4_ADDRESS);
        one(defs, "root-path", 17, STRING);
        one(defs, "extensions-path", 18, STRING);
        one(defs, "ip-forwarding", 19, BOOLEAN);
        one(defs, "non-local-source-routing", 20, BOOLEAN);
        list(defs, "policy-filter", 21, IPV4_ADDRESS);
        one(defs, "max-dgram-reassembly", 22, UINT16);
        one(defs, "default-ip-ttl", 23, UINT8);
        one(defs, "path-mtu-aging-timeout", 24, UINT32);
        list(defs, "path-mtu-plateau-table", 25, UINT16);
        one(defs, "interface-mtu", 26, UINT16);
        one(defs, "all-subnets-local", 27, BOOLEAN);
        one(defs, "broadcast-address", 28, IPV4_ADDRESS);
        one(defs, "perform-mask-discovery", 29, BOOLEAN);
        one(defs, "mask-supplier", 30, BOOLEAN);
        one(defs, "router-discovery", 31, BOOLEAN);
        one(defs, "router-solicitation-address", 32, IPV4_ADDRESS);
        list(defs, "static-routes", 33, IPV4_ADDRESS);
        one(defs, "trailer-encapsulation", 34, BOOLEAN);
        one(defs, "arp-cache-timeout", 35, UINT32);
        one(defs, "ieee802-3-encapsulation", 36, BOOLEAN);
        one(defs, "default-tcp-ttl", 37, UINT8);
        one(defs, "tcp-keepalive-interval", 38, UINT32);
        one(defs, "tcp-keepalive-garbage", 39, BOOLEAN);
        one(defs, "nis-domain", 40, STRING);
        list(defs, "nis-servers", 41, IPV4_ADDRESS);
        list(defs, "ntp-servers", 42, IPV4_ADDRESS);
        defs.add(new OptionDefinition("vendor-encapsulated-options", 43, DHCP4_SPACE, EMPTY, false, List.of(),
                VENDOR_ENCAPSULATED_SPACE));
        list(defs, "netbios-name-servers", 44, IPV4_ADDRESS);
        list(defs, "netbios-dd-server", 45, IPV4_ADDRESS);
        one(defs, "netbios-node-type", 46, UINT8);
        one(defs, "netbios-scope", 47, STRING);
        list(defs, "font-servers", 48, IPV4_ADDRESS);
        list(defs, "x-display-manager", 49, IPV4_ADDRESS);
        one(defs, "dhcp-requested-address", 50, IPV4_ADDRESS);
        one(defs, "dhcp-lease-time", 51, UINT32);
        one(defs, "dhcp-option-overload", 52, UINT8);
        one(defs, "dhcp-message-type", 53, UINT8);
        one(defs, "dhcp-server-identifier", 54, IPV4_ADDRESS);
        list(defs, "dhcp-parameter-request-list", 55, UINT8);
        one(defs, "dhcp-message", 56, STRING);
        one(defs, "dhcp-max-message-size", 57, UINT16);
        one(defs, "dhcp-renewal-time", 58, UINT32);
        one(defs, "dhcp-rebinding-time", 59, UINT32);
        one(defs, "vendor-class-identifier", 60, STRING);
        one(defs, "dhcp-client-identifier", 61, BINARY);
        one(defs, "nwip-domain-name", 62, STRING);
        one(defs, "nwip-suboptions", 63, BINARY);
        one(defs, "nisplus-domain-name", 64, STRING);
        list(defs, "nisplus-servers", 65, IPV4_ADDRESS);
        one(defs, "tftp-server-name", 66, STRING);
        one(defs, "boot-file-name", 67, STRING);
        list(defs, "mobile-ip-home-agent", 68, IPV4_ADDRESS);
        list(defs, "smtp-server", 69, IPV4_ADDRESS);
        list(defs, "pop-server", 70, IPV4_ADDRESS);
        list(defs, "nntp-server", 71, IPV4_ADDRESS);
        list(defs, "www-server", 72, IPV4_ADDRESS);
        list(defs, "finger-server", 73, IPV4_ADDRESS);
        list(defs, "irc-server", 74, IPV4_ADDRESS);
        list(defs, "streettalk-server", 75, IPV4_ADDRESS);
        list(defs, "streettalk-directory-assistance-server", 76, IPV4_ADDRESS);
        one(defs, "user-class", 77, BINARY);
        record(defs, "slp-directory-agent", 78, true, BOOLEAN, IPV4_ADDRESS);
        record(defs, "slp-service-scope", 79, false, BOOLEAN, STRING);
        record(defs, "fqdn", 81, false, UINT8, UINT8, UINT8, FQDN);
        defs.add(new OptionDefinition("dhcp-agent-options", 82, DHCP4_SPACE, EMPTY, false, List.of(),
                AGENT_OPTIONS_SPACE));
        list(defs, "nds-servers", 85, IPV4_ADDRESS);
        one(defs, "nds-tree-name", 86, STRING);
        one(defs, "nds-context", 87, STRING);
        list(defs, "bcms-controller-names", 88, FQDN);
        list(defs, "bcms-controller-address", 89, IPV4_ADDRESS);
        one(defs, "authenticate", 90, BINARY);
        one(defs, "client-last-transaction-time", 91, UINT32);
        list(defs, "associated-ip", 92, IPV4_ADDRESS);
        list(defs, "client-system", 93, UINT16);
        record(defs, "client-ndi", 94, false, UINT8, UINT8, UINT8);
        record(defs, "uuid-guid", 97, false, UINT8, BINARY);
        one(defs, "uap-servers", 98, STRING);
        one(defs, "geoconf-civic", 99, BINARY);
        one(defs, "pcode", 100, STRING);
        one(defs, "tcode", 101, STRING);
        one(defs, "v6-only-preferred", 108, UINT32);
        list(defs, "netinfo-server-address", 112, IPV4_ADDRESS);
        one(defs, "netinfo-server-tag", 113, STRING);
        one(defs, "v4-captive-portal", 114, STRING);
        one(defs, "auto-config", 116, UINT8);
        list(defs, "name-service-search", 117, UINT16);
        one(defs, "subnet-selection", 118, IPV4_ADDRESS);
        list(defs, "domain-search", 119, FQDN);
        one(defs, "classless-static-route", 121, INTERNAL);
        record(defs, "vivco-suboptions", 124, false, UINT32, BINARY);
        one(defs, "vivso-suboptions", 125, UINT32);
        list(defs, "pana-agent", 136, IPV4_ADDRESS);
        one(defs, "v4-lost", 137, FQDN);
        list(defs, "capwap-ac-v4", 138, IPV4_ADDRESS);
        list(defs, "sip-ua-cs-domains", 141, FQDN);
        record(defs, "rdnss-selection", 146, true, UINT8, IPV4_ADDRESS, IPV4_ADDRESS, FQDN);
        record(defs, "v4-portparams", 159, false, UINT8, UINT8, UINT16);
        record(defs, "option-6rd", 212, true, UINT8, UINT8, IPV6_ADDRESS, IPV4_ADDRESS);
        one(defs, "v4-access-domain", 213, FQDN);
        ALL = Collections.unmodifiableList(defs);
        for (OptionDefinition def : defs) {
            BY_NAME.put(def.name(), def);
            BY_CODE[def.code()] = def;
        }
    }

    private StandardOptionDefinitions() {
    }

    private static void one(List<OptionDefinition> defs, String name, int code, OptionDataType type) {
        defs.add(OptionDefinition.of(name, code, DHCP4_SPACE, type, false));
    }

    private static void list(List<OptionDefinition> defs, String name, int code, OptionDataType type) {
        defs.add(OptionDefinition.of(name, code, DHCP4_SPACE, type, true));
    }

    private static void record(List<OptionDefinition> defs, String name, int code, boolean array, OptionDataType... fields) {
        defs.add(new OptionDefinition(name, code, DHCP4_SPACE, RECORD, array, List.of(fields), ""));
    }

    /** Every standard definition of the {@code dhcp4} space, in code order. */
    public static List<OptionDefinition> all() {
        return ALL;
    }

    /** The standard definition with this name in {@code space}; only {@code dhcp4} has any. */
    public static Optional<OptionDefinition> byName(String space, String name) {
        return DHCP4_SPACE.equals(space) ? Optional.ofNullable(BY_NAME.get(name)) : Optional.empty();
    }

    /** The standard definition with this code in {@code space}; only {@code dhcp4} has any. */
    public static Optional<OptionDefinition> byCode(String space, int code) {
        return DHCP4_SPACE.equals(space) && code > 0 && code < 255 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /**
     * Whether Kea standardised this code after 2.2 (for example 121, classless static routes).
     * Configurations written for Kea 2.2 define such options themselves with {@code option-def},
     * which is allowed for these codes and no others.
     */
    public static boolean isLaterAddition(int code) {
        return LATER_ADDITIONS.contains(code);
    }
}
