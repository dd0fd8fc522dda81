package dev.kakapo.hooks.ha;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A lease store in a sorted map, for testing the HA library without a server. */
final class MemoryLeaseStore implements LeaseStore {

    private final Map<Long, Lease4> leases = new ConcurrentSkipListMap<>();

    private static long key(Ipv4Address address) {
        return address.unsigned();
    }

    @Override
    public Optional<Lease4> get(Ipv4Address address) {
        return Optional.ofNullable(leases.get(key(address)));
    }

    @Override
    public synchronized boolean insert(Lease4 lease) {
        return leases.putIfAbsent(key(lease.address()), lease) == null;
    }

    @Override
    public synchronized boolean update(Lease4 expected, Lease4 replacement) {
        Lease4 current = leases.get(key(expected.address()));
        if (!Objects.equals(current, expected)) {
            return false;
        }
        leases.put(key(replacement.address()), replacement);
        return true;
    }

    @Override
    public synchronized Optional<Lease4> put(Lease4 lease) {
        return Optional.ofNullable(leases.put(key(lease.address()), lease));
    }

    @Override
    public synchronized boolean delete(Lease4 expected) {
        return leases.remove(key(expected.address()), expected);
    }

    @Override
    public synchronized Optional<Lease4> remove(Ipv4Address address) {
        return Optional.ofNullable(leases.remove(key(address)));
    }

    @Override
    public List<Lease4> findByHwAddress(HardwareAddress hwAddress) {
        return leases.values().stream().filter(l -> hwAddress.equals(l.hwAddress())).toList();
    }

    @Override
    public List<Lease4> findByClientId(byte[] clientId) {
        return leases.values().stream().filter(l -> l.hasClientId(clientId)).toList();
    }

    @Override
    public List<Lease4> findByHostname(String hostname) {
        return leases.values().stream().filter(l -> hostname.equals(l.hostname())).toList();
    }

    @Override
    public List<Lease4> page(Ipv4Address after, int limit) {
        long from = after == null ? -1 : key(after);
        return leases.values().stream().filter(l -> key(l.address()) > from).sorted(Comparator.comparingLong(l -> key(l.address())))
                .limit(limit).toList();
    }

    @Override
    public List<Lease4> expired(long epochSeconds, List<LeaseState> states, int limit) {
        List<Lease4> expired = new ArrayList<>();
        for (Lease4 lease : leases.values()) {
            if (expired.size() < limit && states.contains(lease.state()) && lease.isExpired(epochSeconds)) {
                expired.add(lease);
            }
        }
        return expired;
    }

    @Override
    public long size() {
        return leases.size();
    }

    @Override
    public void close() {
    }
}
