package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Addresses by the second their lease expires, oldest first, for reclamation. Leases granted in
 * the same second share one bucket, a primitive set: adding and removing are constant time
 * whatever the bucket's size, and a bucket is one object for the collector, not one per lease.
 * One lock guards the whole index: each operation is short, and adding to a bucket while another
 * thread drops it as empty must not lose the address.
 */
final class ExpiryIndex {

    private final TreeMap<Long, IntHashSet> buckets = new TreeMap<>();

    synchronized void add(long expire, Ipv4Address address) {
        buckets.computeIfAbsent(expire, k -> new IntHashSet()).add(address.bits());
    }

    synchronized void remove(long expire, Ipv4Address address) {
        IntHashSet bucket = buckets.get(expire);
        if (bucket != null && bucket.remove(address.bits()) && bucket.isEmpty()) {
            buckets.remove(expire);
        }
    }

    /** Up to {@code limit} addresses whose lease expired at or before {@code now}, oldest first. */
    synchronized List<Ipv4Address> expiredBy(long now, int limit) {
        List<Ipv4Address> out = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
        for (Map.Entry<Long, IntHashSet> bucket : buckets.headMap(now, true).entrySet()) {
            boolean more = bucket.getValue().forEachWhile(address -> {
                if (out.size() >= limit) {
                    return false;
                }
                out.add(Ipv4Address.of(address));
                return true;
            });
            if (!more || out.size() >= limit) {
                break;
            }
        }
        return out;
    }
}
