package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Addresses by the second their lease expires, oldest first, for reclamation. Leases granted in
 * the same second share one bucket; adding and removing are constant time whatever the bucket's
 * size, which matters when thousands of leases a second land in the same bucket.
 */
final class ExpiryIndex {

    private final ConcurrentSkipListMap<Long, Set<Integer>> buckets = new ConcurrentSkipListMap<>();

    void add(long expire, Ipv4Address address) {
        buckets.computeIfAbsent(expire, k -> ConcurrentHashMap.newKeySet()).add(address.bits());
    }

    void remove(long expire, Ipv4Address address) {
        buckets.computeIfPresent(expire, (k, addresses) -> {
            addresses.remove(address.bits());
            return addresses.isEmpty() ? null : addresses;
        });
    }

    /** Up to {@code limit} addresses whose lease expired at or before {@code now}, oldest first. */
    List<Ipv4Address> expiredBy(long now, int limit) {
        List<Ipv4Address> out = new ArrayList<>();
        for (Map.Entry<Long, Set<Integer>> bucket : buckets.headMap(now, true).entrySet()) {
            for (int address : bucket.getValue()) {
                if (out.size() >= limit) {
                    return out;
                }
                out.add(Ipv4Address.of(address));
            }
        }
        return out;
    }
}
