package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;

/**
 * Addresses by the second their lease expires, oldest first, for reclamation. Leases granted in
 * the same second share one bucket, a primitive set: adding and removing are constant time
 * whatever the bucket's size, and a bucket is one object for the collector, not one per lease.
 * One lock guards the whole index: each operation is short, and adding to a bucket while another
 * thread drops it as empty must not lose the address. Buckets are found by hash and kept in
 * order separately, so the ordered structure changes only when a second gets its first or loses
 * its last lease (a day of leases is some 86,400 buckets: a million adds at start-up would
 * otherwise each walk the tree).
 */
final class ExpiryIndex {

    private final HashMap<Long, IntHashSet> buckets = new HashMap<>();
    private final TreeSet<Long> seconds = new TreeSet<>();

    synchronized void add(long expire, Ipv4Address address) {
        IntHashSet bucket = buckets.get(expire);
        if (bucket == null) {
            bucket = new IntHashSet();
            buckets.put(expire, bucket);
            seconds.add(expire);
        }
        bucket.add(address.bits());
    }

    /**
     * Adds {@code count} pairs packed as {@code second << 32 | address}, those of a second next to
     * each other (sorted), so each second's bucket is found once: a rebuild's million adds would
     * otherwise each box a key and look it up under this one lock.
     */
    synchronized void addAll(long[] secondsAndAddresses, int count) {
        int i = 0;
        while (i < count) {
            long second = secondsAndAddresses[i] >>> 32;
            int end = i + 1;
            while (end < count && secondsAndAddresses[end] >>> 32 == second) {
                end++;
            }
            IntHashSet bucket = buckets.get(second);
            if (bucket == null) {
                bucket = new IntHashSet(end - i);
                buckets.put(second, bucket);
                seconds.add(second);
            }
            for (; i < end; i++) {
                bucket.add((int) secondsAndAddresses[i]);
            }
        }
    }

    synchronized void remove(long expire, Ipv4Address address) {
        IntHashSet bucket = buckets.get(expire);
        if (bucket != null && bucket.remove(address.bits()) && bucket.isEmpty()) {
            buckets.remove(expire);
            seconds.remove(expire);
        }
    }

    /** Up to {@code limit} addresses whose lease expired at or before {@code now}, oldest first. */
    synchronized List<Ipv4Address> expiredBy(long now, int limit) {
        List<Ipv4Address> out = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
        for (Long second : seconds.headSet(now, true)) {
            boolean more = buckets.get(second).forEachWhile(address -> {
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
