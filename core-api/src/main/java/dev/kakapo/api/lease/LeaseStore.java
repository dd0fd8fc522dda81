package dev.kakapo.api.lease;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where leases live. Every write is one atomic operation on one address that a SQL database
 * can do in one statement, so implementations other than the built-in off-heap store (a shared
 * PostgreSQL store, say) fit behind the same interface. Implementations are thread-safe.
 */
public interface LeaseStore extends AutoCloseable {

    /** The lease of {@code address}, whatever its state. */
    Optional<Lease4> get(Ipv4Address address);

    /** Adds {@code lease} if its address has none; returns false, changing nothing, when it has. */
    boolean insert(Lease4 lease);

    /**
     * Replaces {@code expected} by {@code replacement} (same address) only if the stored lease
     * still equals {@code expected}; returns false, changing nothing, otherwise.
     */
    boolean update(Lease4 expected, Lease4 replacement);

    /**
     * Stores {@code lease} whatever its address holds (as Kea's {@code lease4-update} with
     * force-create) and returns what it replaced.
     */
    Optional<Lease4> put(Lease4 lease);

    /** Deletes {@code expected} only if the stored lease still equals it; returns whether it did. */
    boolean delete(Lease4 expected);

    /** Deletes whatever lease {@code address} has and returns it. */
    Optional<Lease4> remove(Ipv4Address address);

    /** The leases of a hardware address, in any state. */
    List<Lease4> findByHwAddress(HardwareAddress hwAddress);

    /** The leases of a client identifier, in any state. */
    List<Lease4> findByClientId(byte[] clientId);

    /** The leases with this host name, compared without case. */
    List<Lease4> findByHostname(String hostname);

    /**
     * Up to {@code limit} leases in ascending address order, starting after {@code after}
     * (exclusive), or at the lowest address when {@code after} is null.
     */
    List<Lease4> page(Ipv4Address after, int limit);

    /**
     * Up to {@code limit} leases in one of {@code states} that expired at or before
     * {@code epochSeconds}, those that expired first first.
     */
    List<Lease4> expired(long epochSeconds, List<LeaseState> states, int limit);

    /**
     * Calls {@code action} with every lease, in no particular order, for work over the whole
     * store that needs no order and no paging (counting at start-up, say). Leases written
     * meanwhile may or may not be seen. The default pages through {@link #page}; a store that
     * can walk its entries directly overrides it.
     */
    default void forEachLease(Consumer<Lease4> action) {
        Ipv4Address cursor = null;
        while (true) {
            List<Lease4> page = page(cursor, 10_000);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(action);
            cursor = page.get(page.size() - 1).address();
        }
    }

    /**
     * How many addresses, from {@code from} up to {@code last} and one after another, hold an
     * assigned or declined lease (expired or not): a hint that lets the allocator step over a
     * run of taken addresses at once instead of reading each lease. Only a hint: the allocator
     * checks the address after the run as it checks any other, and reads every lease itself when
     * the hints leave it nothing. The default knows nothing and answers 0; a store with an index
     * of its addresses overrides it.
     *
     * @return a count between 0 and the number of addresses from {@code from} to {@code last}
     */
    default long takenRun(Ipv4Address from, Ipv4Address last) {
        return 0;
    }

    /** The number of leases in the store, in any state. */
    long size();

    /** Releases the store's resources; the store cannot be used afterwards. */
    @Override
    void close();
}
