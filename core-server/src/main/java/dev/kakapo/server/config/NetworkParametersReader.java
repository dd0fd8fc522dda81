package dev.kakapo.server.config;

import dev.kakapo.api.net.Ipv4Address;

import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parameters that global, shared-network and subnet maps have in common (Kea lets
 * a subnet inherit them), checking each value and the combinations Kea refuses.
 */
final class NetworkParametersReader {

    /** Where the map being read sits; some keys exist only at some levels. */
    enum Level {
        GLOBAL, SHARED_NETWORK, SUBNET
    }

    /** DHCP-DDNS keys Kea accepts at every level; Kakapo does not update DNS. */
    static final String[] DDNS_KEYS = {"ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
            "ddns-replace-client-name", "ddns-generated-prefix", "ddns-qualifying-suffix", "ddns-update-on-renew",
            "ddns-use-conflict-resolution", "ddns-conflict-resolution-mode", "ddns-ttl-percent", "ddns-ttl",
            "ddns-ttl-min", "ddns-ttl-max", "hostname-char-set", "hostname-char-replacement"};

    private NetworkParametersReader() {
    }

    static NetworkParameters read(MapReader r, Level level) {
        Long valid = r.uint32("valid-lifetime");
        Long minValid = r.uint32("min-valid-lifetime");
        Long maxValid = r.uint32("max-valid-lifetime");
        Long renew = r.uint32("renew-timer");
        Long rebind = r.uint32("rebind-timer");
        Boolean calculateTee = r.bool("calculate-tee-times");
        Double t1 = fraction(r, "t1-percent");
        Double t2 = fraction(r, "t2-percent");
        Double cacheThreshold = fraction(r, "cache-threshold");
        Long cacheMaxAge = r.uint32("cache-max-age");
        Boolean matchClientId = r.bool("match-client-id");
        Boolean authoritative = r.bool("authoritative");
        Ipv4Address nextServer = ipv4(r, "next-server");
        String serverHostname = r.string("server-hostname");
        if (serverHostname != null && serverHostname.getBytes(StandardCharsets.UTF_8).length >= 64) {
            r.error("server-hostname", "'" + serverHostname + "' does not fit the 64-byte sname field");
        }
        String bootFileName = r.string("boot-file-name");
        if (bootFileName != null && bootFileName.getBytes(StandardCharsets.UTF_8).length >= 128) {
            r.error("boot-file-name", "'" + bootFileName + "' does not fit the 128-byte file field");
        }
        ReservationFlags reservations = reservationFlags(r);
        String allocator = r.string("allocator");
        if (allocator != null && !List.of("iterative", "random", "flq").contains(allocator)) {
            r.error("allocator", "'" + allocator + "' is not an allocator: expected iterative, random or flq");
        }
        Boolean storeExtendedInfo = r.bool("store-extended-info");

        List<Ipv4Address> relay = null;
        String interfaceName = null;
        List<String> classes = null;
        List<String> additional = null;
        if (level != Level.GLOBAL) {
            relay = relay(r);
            interfaceName = r.string("interface");
            if (interfaceName != null && interfaceName.isEmpty()) {
                interfaceName = null;
            }
            classes = classes(r, "client-class", "client-classes");
            additional = classes(r, "require-client-classes", "evaluate-additional-classes");
        }

        r.notActedOn("Kakapo sends no DNS updates", DDNS_KEYS);
        r.notActedOn("offered leases are not held for a separate lifetime", "offer-lifetime");
        if (level == Level.SUBNET) {
            r.notActedOn("DHCPv4-over-DHCPv6 is not supported", "4o6-interface", "4o6-interface-id", "4o6-subnet");
        }
        r.skip("comment", "metadata");
        return new NetworkParameters(valid, minValid, maxValid, renew, rebind, calculateTee, t1, t2, cacheThreshold,
                cacheMaxAge, matchClientId, authoritative, nextServer, serverHostname, bootFileName,
                reservations.global(), reservations.inSubnet(), reservations.outOfPool(), relay, interfaceName,
                classes, additional, allocator, storeExtendedInfo);
    }

    /**
     * Checks lifetimes and timers once inheritance has filled in every level. A broken pair is
     * reported once, at the level that sets (one of) its values: {@code own} holds what the
     * level at {@code path} sets itself.
     */
    static void checkEffective(Diagnostics diagnostics, String path, NetworkParameters effective, NetworkParameters own) {
        long valid = effective.validLifetime();
        if (effective.minValidLifetime() != null && effective.minValidLifetime() > valid
                && (own.minValidLifetime() != null || own.validLifetime() != null)) {
            diagnostics.error(at(path, own.minValidLifetime() != null, "min-valid-lifetime", "valid-lifetime"),
                    "min-valid-lifetime (" + effective.minValidLifetime() + ") is greater than valid-lifetime (" + valid + ")");
        }
        if (effective.maxValidLifetime() != null && effective.maxValidLifetime() < valid
                && (own.maxValidLifetime() != null || own.validLifetime() != null)) {
            diagnostics.error(at(path, own.maxValidLifetime() != null, "max-valid-lifetime", "valid-lifetime"),
                    "max-valid-lifetime (" + effective.maxValidLifetime() + ") is less than valid-lifetime (" + valid + ")");
        }
        if (effective.renewTimer() != null && effective.rebindTimer() != null && effective.renewTimer() > effective.rebindTimer()
                && (own.renewTimer() != null || own.rebindTimer() != null)) {
            diagnostics.error(at(path, own.renewTimer() != null, "renew-timer", "rebind-timer"),
                    "the value of renew-timer (" + effective.renewTimer()
                            + ") is greater than the value of rebind-timer (" + effective.rebindTimer() + ")");
        }
        if (effective.rebindTimer() != null && effective.rebindTimer() >= valid
                && (own.rebindTimer() != null || own.validLifetime() != null)) {
            diagnostics.warn(at(path, own.rebindTimer() != null, "rebind-timer", "valid-lifetime"),
                    "rebind-timer (" + effective.rebindTimer() + ") is not less than valid-lifetime (" + valid
                            + "); clients will not be sent it, as Kea does not send it");
        }
        if (effective.t1Percent() >= effective.t2Percent() && (own.t1Percent() != null || own.t2Percent() != null)) {
            diagnostics.error(at(path, own.t1Percent() != null, "t1-percent", "t2-percent"),
                    "t1-percent " + effective.t1Percent() + " must be less than t2-percent " + effective.t2Percent());
        }
    }

    private static String at(String path, boolean first, String firstKey, String secondKey) {
        return path + "." + (first ? firstKey : secondKey);
    }

    private static Double fraction(MapReader r, String key) {
        Double value = r.real(key);
        if (value != null && (value <= 0.0 || value >= 1.0)) {
            r.error(key, key + ": " + value + " is invalid, it must be greater than 0.0 and less than 1.0");
            return null;
        }
        return value;
    }

    static Ipv4Address ipv4(MapReader r, String key) {
        String text = r.string(key);
        if (text == null) {
            return null;
        }
        return Ipv4Address.tryParse(text).orElseGet(() -> {
            r.error(key, "'" + text + "' is not an IPv4 address");
            return null;
        });
    }

    /** The three reservation flags, each null when not set at this level. */
    private record ReservationFlags(Boolean global, Boolean inSubnet, Boolean outOfPool) {
    }

    /** Kea 2.2's deprecated {@code reservation-mode} or the three flags that replaced it. */
    private static ReservationFlags reservationFlags(MapReader r) {
        Boolean global = r.bool("reservations-global");
        Boolean inSubnet = r.bool("reservations-in-subnet");
        Boolean outOfPool = r.bool("reservations-out-of-pool");
        String mode = r.string("reservation-mode");
        if (mode == null) {
            return new ReservationFlags(global, inSubnet, outOfPool);
        }
        if (global != null || inSubnet != null || outOfPool != null) {
            r.error("reservation-mode", "reservation-mode cannot be used together with reservations-global, "
                    + "reservations-in-subnet or reservations-out-of-pool");
        }
        r.warn("reservation-mode", "reservation-mode is deprecated; read as the reservations-* flags Kea maps it to");
        switch (mode) {
            case "disabled":
                return new ReservationFlags(false, false, false);
            case "out-of-pool":
                return new ReservationFlags(false, true, true);
            case "global":
                return new ReservationFlags(true, false, false);
            case "all":
                return new ReservationFlags(false, true, false);
            default:
                r.error("reservation-mode", "'" + mode + "' is not a reservation mode: expected disabled, out-of-pool, global or all");
                return new ReservationFlags(null, null, null);
        }
    }

    private static List<Ipv4Address> relay(MapReader r) {
        MapReader relay = r.map("relay");
        if (relay == null) {
            return null;
        }
        List<Ipv4Address> addresses = new ArrayList<>();
        boolean single = relay.has("ip-address");
        boolean many = relay.has("ip-addresses");
        if (single && many) {
            relay.error("ip-address", "specify either ip-address or ip-addresses, not both");
        }
        if (single) {
            Ipv4Address address = ipv4(relay, "ip-address");
            if (address != null && !address.isAny()) {
                addresses.add(address);
            }
        }
        List<String> texts = relay.stringList("ip-addresses");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int index = i;
            Ipv4Address.tryParse(text).ifPresentOrElse(addresses::add,
                    () -> relay.diagnostics().error(relay.path("ip-addresses") + "[" + index + "]",
                            "'" + text + "' is not an IPv4 address"));
        }
        relay.skip("comment");
        relay.finish();
        return List.copyOf(addresses);
    }

    /** Kea 2's key (a string for {@code client-class}, a list otherwise) or Kea 3's list key; both at once is an error. */
    static List<String> classes(MapReader r, String kea2Key, String kea3Key) {
        boolean hasOld = r.has(kea2Key);
        boolean hasNew = r.has(kea3Key);
        if (hasOld && hasNew) {
            r.error(kea3Key, "use either " + kea2Key + " or " + kea3Key + ", not both");
        }
        List<String> out = new ArrayList<>();
        if (hasOld && "client-class".equals(kea2Key)) {
            String single = r.string(kea2Key);
            if (single != null && !single.isEmpty()) {
                out.add(single);
            }
        } else if (hasOld) {
            out.addAll(r.stringList(kea2Key));
        }
        if (hasNew) {
            out.addAll(r.stringList(kea3Key));
        }
        r.skip(kea2Key, kea3Key);
        return hasOld || hasNew ? List.copyOf(out) : null;
    }
}
