package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.net.Ipv4Prefix;

import java.util.ArrayList;
import java.util.List;

/** Reads one {@code subnet4} entry with its pools and reservations. */
final class SubnetParser {

    /**
     * A subnet as read, before ids are assigned and inheritance applied.
     *
     * @param id            the id, or 0 when none was given
     * @param prefix        the subnet
     * @param pools         its pools
     * @param optionData    its options
     * @param reservations  its reservations
     * @param own           the parameters set on the subnet itself
     * @param sharedNetwork the enclosing shared network's name, or null
     * @param userContext   its user context
     * @param path          its JSON path
     */
    record ParsedSubnet(long id, Ipv4Prefix prefix, List<Pool4Config> pools, List<OptionDataConfig> optionData,
                        List<ReservationConfig> reservations, NetworkParameters own, String sharedNetwork,
                        JsonNode userContext, String path) {

        ParsedSubnet withId(long newId) {
            return new ParsedSubnet(newId, prefix, pools, optionData, reservations, own, sharedNetwork, userContext, path);
        }
    }

    private SubnetParser() {
    }

    static ParsedSubnet read(MapReader r, OptionCatalog catalog, String sharedNetwork) {
        Long id = r.integer("id", 0, 4294967294L);
        String subnetText = r.requiredString("subnet");
        NetworkParameters own = NetworkParametersReader.read(r, NetworkParametersReader.Level.SUBNET);
        List<OptionDataConfig> options = OptionDataParser.readAll(r, catalog);
        JsonNode userContext = r.userContext();
        Ipv4Prefix prefix = null;
        if (subnetText != null) {
            try {
                prefix = Ipv4Prefix.parse(subnetText.trim());
            } catch (IllegalArgumentException e) {
                r.error("subnet", "'" + subnetText + "' is not a subnet: " + e.getMessage());
            }
        }
        Ipv4Prefix subnet = prefix;
        List<String> poolPaths = new ArrayList<>();
        List<Pool4Config> pools = r.mapList("pools", p -> {
            Pool4Config pool = readPool(p, catalog, subnet);
            if (pool != null) {
                poolPaths.add(p.path("pool"));
            }
            return pool;
        });
        checkPoolsDisjoint(r.diagnostics(), pools, poolPaths);
        List<ReservationConfig> reservations = ReservationParser.readAll(r, catalog, prefix);
        r.finish();
        if (prefix == null) {
            return null;
        }
        return new ParsedSubnet(id == null ? 0 : id, prefix, pools, options, reservations, own, sharedNetwork,
                userContext, r.path());
    }

    private static Pool4Config readPool(MapReader r, OptionCatalog catalog, Ipv4Prefix subnet) {
        String text = r.requiredString("pool");
        Long poolId = r.uint32("pool-id");
        List<OptionDataConfig> options = OptionDataParser.readAll(r, catalog);
        List<String> classes = NetworkParametersReader.classes(r, "client-class", "client-classes");
        List<String> additional = NetworkParametersReader.classes(r, "require-client-classes", "evaluate-additional-classes");
        JsonNode userContext = r.userContext();
        r.notActedOn("Kakapo sends no DNS updates", NetworkParametersReader.DDNS_KEYS);
        r.skip("comment", "metadata");
        r.finish();
        if (text == null) {
            return null;
        }
        Ipv4Address[] range = parseRange(r, text);
        if (range == null) {
            return null;
        }
        if (subnet != null && (!subnet.contains(range[0]) || !subnet.contains(range[1]))) {
            r.error("pool", "pool " + range[0] + "-" + range[1] + " is not within its subnet " + subnet);
            return null;
        }
        return new Pool4Config(range[0], range[1], poolId, options, classes == null ? List.of() : classes,
                additional == null ? List.of() : additional, userContext);
    }

    /** Parses {@code "first - last"} or {@code "prefix/length"}. */
    private static Ipv4Address[] parseRange(MapReader r, String text) {
        String trimmed = text.trim();
        int dash = trimmed.indexOf('-');
        if (dash >= 0) {
            String firstText = trimmed.substring(0, dash).trim();
            String lastText = trimmed.substring(dash + 1).trim();
            Ipv4Address first = Ipv4Address.tryParse(firstText).orElse(null);
            Ipv4Address last = Ipv4Address.tryParse(lastText).orElse(null);
            if (first == null || last == null) {
                r.error("pool", "'" + text + "' is not a pool: '" + (first == null ? firstText : lastText) + "' is not an IPv4 address");
                return null;
            }
            if (last.compareTo(first) < 0) {
                r.error("pool", "range end " + last + " is before its start " + first);
                return null;
            }
            return new Ipv4Address[] {first, last};
        }
        if (trimmed.indexOf('/') >= 0) {
            try {
                Ipv4Prefix prefix = Ipv4Prefix.parse(trimmed);
                return new Ipv4Address[] {prefix.first(), prefix.last()};
            } catch (IllegalArgumentException e) {
                r.error("pool", "'" + text + "' is not a pool: " + e.getMessage());
                return null;
            }
        }
        r.error("pool", "'" + text + "' is not a pool: expected first-last or prefix/length");
        return null;
    }

    private static void checkPoolsDisjoint(Diagnostics diagnostics, List<Pool4Config> pools, List<String> paths) {
        for (int i = 0; i < pools.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (pools.get(i).overlaps(pools.get(j))) {
                    diagnostics.error(paths.get(i), "pool " + pools.get(i) + " overlaps pool " + pools.get(j)
                            + " of the same subnet (" + paths.get(j) + ")");
                }
            }
        }
    }
}
