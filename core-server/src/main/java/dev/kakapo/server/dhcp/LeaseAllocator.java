package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.config.Pool4Config;
import dev.kakapo.server.config.ReservationConfig;
import dev.kakapo.server.hooks.Callouts;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/**
 * The allocation engine. Finds a client's lease, picks free addresses (Kea's iterative or random
 * allocator over the subnet's pools), and claims them with the store's atomic operations, so two
 * clients handled on two threads can never be given the same address: the loser of a race tries
 * the next one.
 *
 * <p>An address is free for a client when it has no lease, or its lease is the client's own, or
 * the lease has expired, been reclaimed or released, or was declined and its probation is over;
 * and no host reservation holds it for another client.
 */
final class LeaseAllocator {

    private static final int CLAIM_ATTEMPTS = 4;

    private final LeaseStore store;
    private final Callouts guards;

    LeaseAllocator(LeaseStore store) {
        this(store, null);
    }

    /** An allocator that also asks the hook libraries' address guards (none when {@code guards} is null). */
    LeaseAllocator(LeaseStore store, Callouts guards) {
        this.store = store;
        this.guards = guards != null && guards.hasGuards() ? guards : null;
    }

    LeaseStore store() {
        return store;
    }

    /** The client's lease in the subnet's shared network (any state but declined), or null. */
    Lease4 clientLease(ServedSubnet subnet, ClientKey client) {
        boolean match = subnet.parameters().matchClientId();
        byte[] clientId = client.clientId(match);
        if (clientId != null) {
            Lease4 found = pick(store.findByClientId(clientId), subnet, client, match);
            if (found != null) {
                return found;
            }
        }
        return client.hwAddress() == null ? null : pick(store.findByHwAddress(client.hwAddress()), subnet, client, match);
    }

    private static Lease4 pick(List<Lease4> leases, ServedSubnet subnet, ClientKey client, boolean match) {
        Lease4 best = null;
        for (Lease4 lease : leases) {
            if (lease.state() == LeaseState.DECLINED || !client.owns(lease, match) || member(subnet, lease.subnetId()) == null) {
                continue;
            }
            if (best == null || lease.state() == LeaseState.DEFAULT && best.state() != LeaseState.DEFAULT
                    || lease.cltt() > best.cltt() && lease.state() == best.state()) {
                best = lease;
            }
        }
        return best;
    }

    /** The subnet of {@code subnet}'s shared network with this id, or null. */
    static ServedSubnet member(ServedSubnet subnet, long id) {
        for (ServedSubnet member : subnet.network()) {
            if (member.id() == id) {
                return member;
            }
        }
        return null;
    }

    /** The subnet of the shared network whose pools or reservations hold {@code address}, or null. */
    static ServedSubnet owner(ServedSubnet subnet, Ipv4Address address) {
        for (ServedSubnet member : subnet.network()) {
            if (member.prefix().contains(address)) {
                return member;
            }
        }
        return null;
    }

    /** The client's reservation when it reserves an address (the look-up happened earlier, in {@link HostLookup}), or null. */
    static ReservationConfig reservation(ClientKey client) {
        ReservationConfig host = client.host();
        return host != null && host.ipAddress() != null ? host : null;
    }

    /**
     * Whether {@code address} may be given to {@code client} now: inside an open pool of its subnet
     * (or reserved for the client) and free for it.
     */
    boolean usable(ServedSubnet subnet, Ipv4Address address, ClientKey client, ReservationConfig own, long now) {
        boolean reservedForClient = own != null && address.equals(own.ipAddress());
        if (subnet.isReserved(address) && !reservedForClient) {
            return false;
        }
        if (!reservedForClient) {
            int pool = subnet.poolIndex(address);
            if (pool < 0 || !subnet.poolAdmits(pool, client.classes())) {
                return false;
            }
        }
        Optional<Lease4> current = store.get(address);
        boolean match = subnet.parameters().matchClientId();
        if (current.isPresent() && !free(current.get(), client, match, now)) {
            return false;
        }
        if (guards == null) {
            return true;
        }
        boolean ownLease = current.isPresent() && current.get().state() == LeaseState.DEFAULT && client.owns(current.get(), match);
        return ownLease || guards.admits(subnet.id(), address, current.orElse(null));
    }

    /** Whether a stored lease leaves its address free for {@code client}. */
    static boolean free(Lease4 lease, ClientKey client, boolean match, long now) {
        switch (lease.state()) {
            case DEFAULT:
                return lease.isExpired(now) || client.owns(lease, match);
            case DECLINED:
                return lease.isExpired(now);
            default:
                return true;
        }
    }

    /**
     * The address to offer: the client's reservation, its current lease, the address it asks
     * for when free, else the next free one in the shared network's pools. Writes nothing (Kea's
     * "fake allocation"). Null when every pool is full.
     */
    Ipv4Address offer(ServedSubnet subnet, ClientKey client, Ipv4Address requested, long now) {
        ReservationConfig own = reservation(client);
        if (own != null) {
            ServedSubnet owner = owner(subnet, own.ipAddress());
            if (owner != null && usable(owner, own.ipAddress(), client, own, now)) {
                return own.ipAddress();
            }
        }
        Lease4 existing = clientLease(subnet, client);
        if (existing != null) {
            ServedSubnet owner = member(subnet, existing.subnetId());
            if (owner != null && usable(owner, existing.address(), client, own, now)) {
                return existing.address();
            }
        }
        if (requested != null && !requested.isAny()) {
            ServedSubnet owner = owner(subnet, requested);
            if (owner != null && owner.admits(client.classes()) && usable(owner, requested, client, own, now)) {
                return requested;
            }
        }
        for (ServedSubnet member : subnet.network()) {
            if (!member.admits(client.classes())) {
                continue;
            }
            Ipv4Address free = nextFree(member, client, own, now);
            if (free != null) {
                return free;
            }
        }
        return null;
    }

    /**
     * Walks the subnet's pools from the allocator's next position until a free address turns up.
     * The first walk steps over the runs of addresses the store reports taken (read off its
     * index, no lease read), so a pool whose first million addresses are leased costs one look
     * at a bitmap, not a million lease reads. Only when that walk finds nothing does a second
     * one read every lease: an assigned lease that expired and is not reclaimed yet is free too.
     */
    private Ipv4Address nextFree(ServedSubnet subnet, ClientKey client, ReservationConfig own, long now) {
        long capacity = subnet.capacity();
        if (capacity == 0) {
            return null;
        }
        boolean random = "random".equals(subnet.parameters().allocator());
        long start = random ? ThreadLocalRandom.current().nextLong(capacity) : -1;
        LongUnaryOperator takenFrom = offset -> store.takenRun(subnet.addressAt(offset), subnet.lastOfPoolAt(offset));
        long skipped = 0;
        for (long tried = 0; tried < capacity; ) {
            ServedSubnet.Step step;
            if (random) {
                long offset = (start + tried) % capacity;
                long run = takenFrom.applyAsLong(offset);
                step = new ServedSubnet.Step((offset + run) % capacity, run);
            } else {
                step = subnet.nextStep(takenFrom);
            }
            tried += step.skipped() + 1;
            skipped += step.skipped();
            Ipv4Address candidate = subnet.addressAt(step.offset());
            if (usable(subnet, candidate, client, own, now)) {
                return candidate;
            }
        }
        if (skipped == 0) {
            return null;
        }
        for (long i = 0; i < capacity; i++) {
            long offset = random ? (start + i) % capacity : subnet.nextOffset();
            Ipv4Address candidate = subnet.addressAt(offset);
            if (usable(subnet, candidate, client, own, now)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Claims {@code address} for the client: renews its own lease, or writes a new one over no
     * lease or a reusable one. Null when the address is not free for the client (or stays taken
     * by others after a few races).
     */
    Allocation claim(ServedSubnet subnet, Ipv4Address address, ClientKey client, long lifetime, long now, String hostname,
                     LeaseGate gate) {
        ServedSubnet owner = owner(subnet, address);
        if (owner == null) {
            return null;
        }
        ReservationConfig own = reservation(client);
        boolean match = owner.parameters().matchClientId();
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if (!usable(owner, address, client, own, now)) {
                return null;
            }
            Optional<Lease4> current = store.get(address);
            if (current.isPresent() && current.get().state() == LeaseState.DEFAULT && client.owns(current.get(), match)
                    && !current.get().isExpired(now) && LeaseTimes.reusable(current.get(), owner.parameters(), now)
                    && hostnameUnchanged(current.get(), hostname)) {
                return new Allocation(current.get(), owner, true);
            }
            Lease4 fresh = fresh(owner, address, client, lifetime, now, hostname, current.orElse(null), match);
            if (gate != null) {
                boolean renewal = current.isPresent() && current.get().state() == LeaseState.DEFAULT
                        && client.owns(current.get(), match);
                fresh = gate.approve(fresh, renewal);
                if (fresh == null) {
                    return null;
                }
            }
            boolean written = current.isEmpty() ? store.insert(fresh) : store.update(current.get(), fresh);
            if (written) {
                return new Allocation(fresh, owner, false);
            }
        }
        return null;
    }

    /** The lease the client would get for {@code address} in {@code owner}, written nowhere (for lease4_select on a DISCOVER). */
    Lease4 proposal(ServedSubnet owner, Ipv4Address address, ClientKey client, long lifetime, long now, String hostname) {
        boolean match = owner.parameters().matchClientId();
        return fresh(owner, address, client, lifetime, now, hostname, store.get(address).orElse(null), match);
    }

    private static boolean hostnameUnchanged(Lease4 lease, String hostname) {
        return hostname == null || hostname.isEmpty() || hostname.equals(lease.hostname());
    }

    private static Lease4 fresh(ServedSubnet subnet, Ipv4Address address, ClientKey client, long lifetime, long now,
                                String hostname, Lease4 previous, boolean match) {
        boolean sameClient = previous != null && previous.state() != LeaseState.DECLINED && client.owns(previous, match);
        String host = hostname != null && !hostname.isEmpty() ? hostname : sameClient ? previous.hostname() : "";
        int pool = subnet.poolIndex(address);
        long poolId = 0;
        if (pool >= 0) {
            Pool4Config config = subnet.config().pools().get(pool);
            poolId = config.poolId() == null ? 0 : config.poolId();
        }
        return new Lease4(address, client.hwAddress(), client.clientId(match), lifetime, now, subnet.id(), false, false,
                host, LeaseState.DEFAULT, sameClient ? previous.userContext() : null, poolId);
    }

    /**
     * Marks the client's lease of {@code address} declined for {@code probation} seconds, if
     * {@code allowed} agrees; returns the declined lease, or null when it is not the client's or
     * was not declined.
     */
    Lease4 decline(ServedSubnet subnet, Ipv4Address address, ClientKey client, long probation, long now,
                   Predicate<Lease4> allowed) {
        Lease4 lease = clientsActiveLease(subnet, address, client);
        if (lease == null || !allowed.test(lease)) {
            return null;
        }
        Lease4 declined = new Lease4(address, null, null, probation, now, lease.subnetId(), false, false, "",
                LeaseState.DECLINED, lease.userContext(), lease.poolId());
        return store.update(lease, declined) ? declined : null;
    }

    /**
     * Deletes the client's lease of {@code address}, if {@code allowed} agrees; returns the
     * deleted lease, or null when it is not the client's or was not deleted.
     */
    Lease4 release(ServedSubnet subnet, Ipv4Address address, ClientKey client, Predicate<Lease4> allowed) {
        Lease4 lease = clientsActiveLease(subnet, address, client);
        if (lease == null || !allowed.test(lease)) {
            return null;
        }
        return store.delete(lease) ? lease : null;
    }

    private Lease4 clientsActiveLease(ServedSubnet subnet, Ipv4Address address, ClientKey client) {
        Optional<Lease4> current = store.get(address);
        if (current.isEmpty() || current.get().state() != LeaseState.DEFAULT) {
            return null;
        }
        ServedSubnet owner = member(subnet, current.get().subnetId());
        boolean match = owner == null || owner.parameters().matchClientId();
        return client.owns(current.get(), match) ? current.get() : null;
    }
}
