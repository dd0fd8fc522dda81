package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Addresses by the second their lease expires, oldest first, for reclamation. Leases granted in
 * the same second share one bucket, so a busy server keeps few, dense buckets.
 */
final class ExpiryIndex {

    private final ConcurrentSkipListMap<Long, int[]> buckets = new ConcurrentSkipListMap<>();

    void add(long expire, Ipv4Address address) {
        buckets.compute(expire, (k, addresses) -> {
            if (addresses == null) {
                return new int[] {address.bits()};
            }
            int[] grown = Arrays.copyOf(addresses, addresses.length + 1);
            grown[addresses.length] = address.bits();
            return grown;
        });
    }

    void remove(long expire, Ipv4Address address) {
        buckets.computeIfPresent(expire, (k, addresses) -> {
            for (int i = 0; i < addresses.length; i++) {
                if (addresses[i] == address.bits()) {
                    if (addresses.length == 1) {
                        return null;
                    }
                    int[] shrunk = new int[addresses.length - 1];
                    System.arraycopy(addresses, 0, shrunk, 0, i);
                    System.arraycopy(addresses, i + 1, shrunk, i, addresses.length - i - 1);
                    return shrunk;
                }
            }
            return addresses;
        });
    }

    /** Up to {@code limit} addresses whose lease expired at or before {@code now}, oldest first. */
    List<Ipv4Address> expiredBy(long now, int limit) {
        List<Ipv4Address> out = new ArrayList<>();
        for (Map.Entry<Long, int[]> bucket : buckets.headMap(now, true).entrySet()) {
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
