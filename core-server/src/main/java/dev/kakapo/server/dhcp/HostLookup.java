package dev.kakapo.server.dhcp;

import dev.kakapo.server.config.HostIdentifierType;
import dev.kakapo.server.config.ReservationConfig;

import java.util.List;

/**
 * Finds a client's host reservation as Kea does: by each identifier of
 * {@code host-reservation-identifiers} in turn, first in the subnets of the selected subnet's
 * shared network (when {@code reservations-in-subnet} is on), then among the global
 * reservations (when {@code reservations-global} is on).
 */
final class HostLookup {

    private HostLookup() {
    }

    static ReservationConfig find(ServingConfig config, ServedSubnet subnet, ClientKey client) {
        if (!config.anyReservations()) {
            return null;
        }
        List<HostIdentifierType> order = config.config().hostReservationIdentifiers();
        for (HostIdentifierType type : order) {
            byte[] identifier = client.identifier(type);
            if (identifier == null) {
                continue;
            }
            for (ServedSubnet member : subnet.network()) {
                ReservationConfig found = member.hosts().find(type, identifier);
                if (found != null) {
                    return found;
                }
            }
        }
        if (!Boolean.TRUE.equals(subnet.parameters().reservationsGlobal())) {
            return null;
        }
        HostIndex global = config.globalHosts();
        for (HostIdentifierType type : order) {
            ReservationConfig found = global.find(type, client.identifier(type));
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
