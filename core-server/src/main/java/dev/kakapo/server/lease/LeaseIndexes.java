package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Addresses whose lease keeps other clients out (assigned or declined), for the allocator to step over. */
    private final AddressBitmap taken = new AddressBitmap();
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
        if (takes(lease.state())) {
            taken.add(a);
        }
        addIdentifiers(lease);
        expiryFor(lease.state()).add(lease.expire(), a);
    }

    private void addIdentifiers(Lease4 lease) {
        Ipv4Address a = lease.address();
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
    }

    /** A batch for one thread of a rebuild; see {@link Batch}. */
    Batch batch() {
        return new Batch();
    }

    /**
     * One thread's share of a rebuild from the map. The identifiers go in at once (their index is
     * striped); the address bitmaps and expiry buckets are collected and added by
     * {@link #flush}, sorted, so each bitmap chunk and each expiry second is found once per batch
     * instead of once per lease: a million adds, each locking and looking up the one expiry
     * index, were most of a rebuild's time.
     */
    final class Batch {
        private int[] all = new int[1024];
        private int allCount;
        private int[] takenAddresses = new int[1024];
        private int takenCount;
        private long[] liveExpiries = new long[1024];
        private int liveCount;
        private long[] reclaimedExpiries = new long[1024];
        private int reclaimedCount;

        void add(Lease4 lease) {
            int bits = lease.address().bits();
            all = append(all, allCount++, bits);
            if (takes(lease.state())) {
                takenAddresses = append(takenAddresses, takenCount++, bits);
            }
            addIdentifiers(lease);
            long expire = lease.expire();
            if (expire < 0 || expire > 0xFFFFFFFFL) {
                // Beyond what packs into 32 bits (an infinite lifetime): rare, added one by one.
                expiryFor(lease.state()).add(expire, lease.address());
            } else if (expiryFor(lease.state()) == live) {
                liveExpiries = append(liveExpiries, liveCount++, expire << 32 | Integer.toUnsignedLong(bits));
            } else {
                reclaimedExpiries = append(reclaimedExpiries, reclaimedCount++, expire << 32 | Integer.toUnsignedLong(bits));
            }
        }

        /** Adds what the batch collected to the shared indexes; the batch is empty afterwards. */
        void flush() {
            Arrays.sort(all, 0, allCount);
            addresses.addAll(all, allCount);
            Arrays.sort(takenAddresses, 0, takenCount);
            taken.addAll(takenAddresses, takenCount);
            Arrays.sort(liveExpiries, 0, liveCount);
            live.addAll(liveExpiries, liveCount);
            Arrays.sort(reclaimedExpiries, 0, reclaimedCount);
            reclaimed.addAll(reclaimedExpiries, reclaimedCount);
            allCount = takenCount = liveCount = reclaimedCount = 0;
        }

        private static int[] append(int[] array, int at, int value) {
            int[] out = at < array.length ? array : Arrays.copyOf(array, array.length * 2);
            out[at] = value;
            return out;
        }

        private static long[] append(long[] array, int at, long value) {
            long[] out = at < array.length ? array : Arrays.copyOf(array, array.length * 2);
            out[at] = value;
            return out;
        }
    }

    void remove(Lease4 lease) {
        Ipv4Address a = lease.address();
        addresses.remove(a);
        if (takes(lease.state())) {
            taken.remove(a);
        }
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

    long takenRun(Ipv4Address from, Ipv4Address last) {
        return taken.runFrom(from, last);
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

    private static boolean takes(LeaseState state) {
        return state == LeaseState.DEFAULT || state == LeaseState.DECLINED;
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
