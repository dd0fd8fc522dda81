package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.Arrays;

/**
 * Who a client is: its hardware address and, when it sent one, its client identifier. With
 * {@code match-client-id} (the default) the identifier decides, as in Kea; without it only the
 * hardware address counts.
 */
final class ClientKey {

    private final HardwareAddress hwAddress;
    private final byte[] clientId;
    private final byte[] flexId;

    private ClientKey(HardwareAddress hwAddress, byte[] clientId, byte[] flexId) {
        this.hwAddress = hwAddress;
        this.clientId = clientId;
        this.flexId = flexId;
    }

    static ClientKey of(DhcpPacket packet) {
        return new ClientKey(packet.hlen() == 0 ? null : packet.hardwareAddress(), packet.clientIdentifier().orElse(null), null);
    }

    /** This client with the flexible identifier a host4_identifier callout computed for it. */
    ClientKey withFlexId(byte[] identifier) {
        return new ClientKey(hwAddress, clientId, identifier == null ? null : identifier.clone());
    }

    /** The flexible identifier reservations' {@code flex-id} is matched against, or null. */
    byte[] flexId() {
        return flexId;
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
