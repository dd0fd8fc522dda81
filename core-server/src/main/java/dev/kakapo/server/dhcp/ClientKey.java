package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.RelayAgentInformation;
import dev.kakapo.server.classify.ClientClasses;
import dev.kakapo.server.config.HostIdentifierType;
import dev.kakapo.server.config.ReservationConfig;

import java.util.Arrays;

/**
 * Who a client is: its hardware address and, when it sent one, its client identifier, plus what
 * the server found out about it while handling the query (the identifiers reservations are keyed
 * on, its classes, its reservation). With {@code match-client-id} (the default) the identifier
 * decides whose a lease is, as in Kea; without it only the hardware address counts.
 */
final class ClientKey {

    /** RFC 4361: a client identifier of type 255 carries an IAID and a DUID. */
    private static final int DUID_TYPE = 255;
    private static final int IAID_LENGTH = 4;

    private final HardwareAddress hwAddress;
    private final byte[] clientId;
    private final DhcpPacket query;
    private final byte[] flexId;
    private final ClientClasses classes;
    private final ReservationConfig host;

    private ClientKey(HardwareAddress hwAddress, byte[] clientId, DhcpPacket query, byte[] flexId,
                      ClientClasses classes, ReservationConfig host) {
        this.hwAddress = hwAddress;
        this.clientId = clientId;
        this.query = query;
        this.flexId = flexId;
        this.classes = classes;
        this.host = host;
    }

    /** The client that sent {@code packet}, in {@code classes} (null: no classification). */
    static ClientKey of(DhcpPacket packet, ClientClasses classes) {
        return new ClientKey(packet.hlen() == 0 ? null : packet.hardwareAddress(), packet.clientIdentifier().orElse(null),
                packet, null, classes, null);
    }

    /** This client with the flexible identifier a host4_identifier callout computed for it. */
    ClientKey withFlexId(byte[] identifier) {
        return new ClientKey(hwAddress, clientId, query, identifier == null ? null : identifier.clone(), classes, host);
    }

    /** This client with the host reservation found for it (null: none). */
    ClientKey withHost(ReservationConfig reservation) {
        if (reservation == host) {
            return this; // most clients have none: no new key per packet
        }
        return new ClientKey(hwAddress, clientId, query, flexId, classes, reservation);
    }

    /** The identifier of this kind the client presents, or null when it has none. */
    byte[] identifier(HostIdentifierType type) {
        switch (type) {
            case HW_ADDRESS:
                return hwAddress == null ? null : hwAddress.bytes();
            case CLIENT_ID:
                return clientId;
            case CIRCUIT_ID:
                // Read only when a reservation look-up asks: most queries are never looked up by circuit id.
                return query.relayAgentInformation().flatMap(RelayAgentInformation::circuitId).orElse(null);
            case FLEX_ID:
                return flexId;
            case DUID:
                if (clientId != null && clientId.length > 1 + IAID_LENGTH && (clientId[0] & 0xFF) == DUID_TYPE) {
                    return Arrays.copyOfRange(clientId, 1 + IAID_LENGTH, clientId.length);
                }
                return null;
            default:
                return null;
        }
    }

    /** The classes of the query, or null when the server does not classify (tests that build a key alone). */
    ClientClasses classes() {
        return classes;
    }

    /** The client's host reservation, or null. */
    ReservationConfig host() {
        return host;
    }

    HardwareAddress hwAddress() {
        return hwAddress;
    }

    /** The identifier to match and store, or null when there is none or the subnet ignores it. */
    byte[] clientId(boolean matchClientId) {
        return matchClientId ? clientId : null;
    }

    /** The identifier the client sent, whatever the subnet says, for echoing back. */
    byte[] sentClientId() {
        return clientId;
    }

    /** Whether {@code lease} is this client's: same client id when both have one, else same hardware address. */
    boolean owns(Lease4 lease, boolean matchClientId) {
        byte[] mine = clientId(matchClientId);
        byte[] theirs = matchClientId ? lease.clientId() : null;
        if (mine != null && theirs != null) {
            return Arrays.equals(mine, theirs);
        }
        return hwAddress != null && hwAddress.equals(lease.hwAddress());
    }

    @Override
    public String toString() {
        return "client[hw=" + hwAddress + (clientId == null ? "" : " id=" + HexBytes.toColonHex(clientId)) + "]";
    }
}
