package dev.kakapo.server.dhcp;

import dev.kakapo.server.config.HostIdentifierType;
import dev.kakapo.server.config.ReservationConfig;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reservations of one scope (a subnet, or the global level) by identifier, for a look-up per query. */
final class HostIndex {

    private record Key(HostIdentifierType type, ByteBuffer identifier) {
    }

    private final Map<Key, ReservationConfig> byIdentifier = new HashMap<>();

    HostIndex(List<ReservationConfig> reservations) {
        for (ReservationConfig r : reservations) {
            byIdentifier.put(new Key(r.identifierType(), ByteBuffer.wrap(r.identifier())), r);
        }
    }

    /** The reservation keyed on this identifier, or null. */
    ReservationConfig find(HostIdentifierType type, byte[] identifier) {
        return identifier == null ? null : byIdentifier.get(new Key(type, ByteBuffer.wrap(identifier)));
    }
}
