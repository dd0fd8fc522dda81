package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.net.Ipv4Prefix;
import dev.kakapo.api.options.OptionDataEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads {@code reservations} lists, in a subnet or at the global level. */
final class ReservationParser {

    private ReservationParser() {
    }

    /**
     * Reads the reservations of {@code parent}.
     *
     * @param subnet the subnet they belong to, or null for global reservations
     */
    static List<ReservationConfig> readAll(MapReader parent, OptionCatalog catalog, Ipv4Prefix subnet) {
        List<ReservationConfig> reservations = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        parent.mapList("reservations", r -> {
            ReservationConfig reservation = read(r, catalog, subnet);
            if (reservation != null) {
                reservations.add(reservation);
                paths.add(r.path());
            }
            return reservation;
        });
        checkUnique(parent.diagnostics(), reservations, paths);
        return reservations;
    }

    private static ReservationConfig read(MapReader r, OptionCatalog catalog, Ipv4Prefix subnet) {
        HostIdentifierType type = null;
        byte[] identifier = null;
        for (HostIdentifierType candidate : HostIdentifierType.values()) {
            String text = r.string(candidate.keaName());
            if (text == null) {
                continue;
            }
            if (type != null) {
                r.error(candidate.keaName(), "a reservation has exactly one identifier; it already has " + type);
                continue;
            }
            type = candidate;
            identifier = identifier(r, candidate, text);
        }
        Ipv4Address address = NetworkParametersReader.ipv4(r, "ip-address");
        String hostname = r.string("hostname");
        Ipv4Address nextServer = NetworkParametersReader.ipv4(r, "next-server");
        String serverHostname = r.string("server-hostname");
        String bootFileName = r.string("boot-file-name");
        List<OptionDataConfig> options = OptionDataParser.readAll(r, catalog);
        List<String> classes = r.stringList("client-classes");
        JsonNode userContext = r.userContext();
        r.skip("comment");
        r.finish();
        if (type == null) {
            r.diagnostics().error(r.path(), "a reservation needs one identifier: hw-address, duid, client-id, circuit-id or flex-id");
            return null;
        }
        if (identifier == null) {
            return null;
        }
        if (address != null && subnet != null && !address.isAny() && !subnet.contains(address)) {
            r.error("ip-address", "specified reservation '" + address + "' is not within the IPv4 subnet '" + subnet + "'");
            return null;
        }
        return new ReservationConfig(type, identifier, address == null || address.isAny() ? null : address, hostname,
                nextServer, serverHostname, bootFileName, options, classes, userContext);
    }

    private static byte[] identifier(MapReader r, HostIdentifierType type, String text) {
        try {
            byte[] bytes = type == HostIdentifierType.HW_ADDRESS ? HexBytes.parse(text) : OptionDataEncoder.encodeBinary(text);
            if (bytes.length == 0) {
                r.error(type.keaName(), "the " + type + " identifier is empty");
                return null;
            }
            if (type == HostIdentifierType.HW_ADDRESS && bytes.length > 20) {
                r.error(type.keaName(), "invalid host identifier value '" + text + "': longer than 20 bytes");
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            r.error(type.keaName(), "invalid host identifier value '" + text + "'");
            return null;
        }
    }

    /** Kea refuses two reservations for one identifier, and (by default) two for one address, in one scope. */
    private static void checkUnique(Diagnostics diagnostics, List<ReservationConfig> reservations, List<String> paths) {
        for (int i = 0; i < reservations.size(); i++) {
            ReservationConfig a = reservations.get(i);
            for (int j = 0; j < i; j++) {
                ReservationConfig b = reservations.get(j);
                if (a.identifierType() == b.identifierType() && Arrays.equals(a.identifier(), b.identifier())) {
                    diagnostics.error(paths.get(i), "a reservation for " + a.identifierType() + " "
                            + HexBytes.toColonHex(a.identifier()) + " already exists at " + paths.get(j));
                } else if (a.ipAddress() != null && a.ipAddress().equals(b.ipAddress())) {
                    diagnostics.error(paths.get(i) + ".ip-address", "address " + a.ipAddress()
                            + " is already reserved at " + paths.get(j));
                }
            }
        }
    }
}
