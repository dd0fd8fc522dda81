package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The on-heap indexes over the off-heap leases: by hardware address, client id and host name,
 * by expiry, and the sorted address set for paging. Rebuilt from the map at start-up. Callers
 * hold the address's lock around each add/remove pair, so an index never lags its lease.
 */
final class LeaseIndexes {

    private static final int HW = 1;
    private static final int CLIENT_ID = 2;
    private static final int HOSTNAME = 3;

    private final AddressBitmap addresses = new AddressBitmap();
    private final IdentifierIndex identifiers;
    /** Leases that will need reclaiming when they expire: assigned and declined. */
    private final ExpiryIndex live = new ExpiryIndex();
    /** Leases already reclaimed or released, removed once held long enough. */
    private final ExpiryIndex reclaimed = new ExpiryIndex();

    /** Indexes sized for about {@code expectedLeases} leases, each with its three identifiers. */
    LeaseIndexes(long expectedLeases) {
        identifiers = new IdentifierIndex(expectedLeases * 3);
    }

    void add(Lease4 lease) {
        Ipv4Address a = lease.address();
        addresses.add(a);
        if (lease.hwAddress() != null) {
            identifiers.add(hwHash(lease.hwAddress()), a);
        }
        byte[] clientId = lease.clientId();
        if (clientId != null) {
            identifiers.add(IdentifierIndex.hash(CLIENT_ID, clientId), a);
        }
        if (!lease.hostname().isEmpty()) {
            identifiers.add(hostnameHash(lease.hostname()), a);
        }
        expiryFor(lease.state()).add(lease.expire(), a);
    }

    void remove(Lease4 lease) {
        Ipv4Address a = lease.address();
        addresses.remove(a);
        if (lease.hwAddress() != null) {
            identifiers.remove(hwHash(lease.hwAddress()), a);
        }
        byte[] clientId = lease.clientId();
        if (clientId != null) {
            identifiers.remove(IdentifierIndex.hash(CLIENT_ID, clientId), a);
        }
        if (!lease.hostname().isEmpty()) {
            identifiers.remove(hostnameHash(lease.hostname()), a);
        }
        expiryFor(lease.state()).remove(lease.expire(), a);
    }

    int[] byHwAddress(HardwareAddress hw) {
        return identifiers.get(hwHash(hw));
    }

    int[] byClientId(byte[] clientId) {
        return identifiers.get(IdentifierIndex.hash(CLIENT_ID, clientId));
    }

    int[] byHostname(String hostname) {
        return identifiers.get(hostnameHash(hostname));
    }

    List<Ipv4Address> page(Ipv4Address after, int limit) {
        return addresses.after(after, limit);
    }

    /** Candidates only: the caller re-reads each lease and checks its state and expiry. */
    List<Ipv4Address> expired(long now, List<LeaseState> states, int limit) {
        List<Ipv4Address> out = new ArrayList<>();
        if (states.contains(LeaseState.DEFAULT) || states.contains(LeaseState.DECLINED)) {
            out.addAll(live.expiredBy(now, limit));
        }
        if (states.contains(LeaseState.EXPIRED_RECLAIMED) || states.contains(LeaseState.RELEASED)) {
            out.addAll(reclaimed.expiredBy(now, limit - out.size()));
        }
        return out;
    }

    private ExpiryIndex expiryFor(LeaseState state) {
        return state == LeaseState.EXPIRED_RECLAIMED || state == LeaseState.RELEASED ? reclaimed : live;
    }

    private static long hwHash(HardwareAddress hw) {
        return IdentifierIndex.hash(HW, hw.bytes());
    }

    private static long hostnameHash(String hostname) {
        return IdentifierIndex.hash(HOSTNAME, hostname.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
