package dev.kakapo.benchmarks;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.Optional;

/**
 * The lease store alone, off the heap, at {@code leases} leases: a look-up by address, by
 * hardware address, a new lease written (and taken away again, so the store keeps its size), an
 * update of a lease in place (what a renewal writes), and a page of 100 (what lease4-get-page and
 * HA's lease sync read). Each call picks the next lease round the store.
 */
@State(Scope.Thread)
@Fork(1)
public class LeaseStoreBenchmark extends KakapoBenchmark {

    /** How many leases the store holds. */
    @Param({"10000", "1000000"})
    public int leases;

    private ChronicleLeaseStore store;
    private int next;

    /** Fills an in-memory store with {@code leases} leases, each with a hardware address and client id. */
    @Setup(Level.Trial)
    public void fill() {
        store = ChronicleLeaseStore.inMemory(leases);
        for (int i = 0; i < leases; i++) {
            store.put(lease(i, 1_700_000_000L));
        }
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    static Lease4 lease(int i, long cltt) {
        byte[] mac = {2, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        return new Lease4(Ipv4Address.of(0x0A000000 + i), HardwareAddress.of(1, mac), mac, 3600, cltt, 1, false, false,
                "", LeaseState.DEFAULT, null, 0);
    }

    private int nextIndex() {
        next = next + 1 == leases ? 0 : next + 1;
        return next;
    }

    /** A lease by its address. */
    @Benchmark
    public Optional<Lease4> getByAddress() {
        return store.get(Ipv4Address.of(0x0A000000 + nextIndex()));
    }

    /** The leases of a hardware address. */
    @Benchmark
    public List<Lease4> findByHwAddress() {
        int i = nextIndex();
        return store.findByHwAddress(HardwareAddress.of(1, new byte[] {2, 0, (byte) (i >>> 24), (byte) (i >>> 16),
                (byte) (i >>> 8), (byte) i}));
    }

    /**
     * A new client's lease written at an address above the filled ones, then deleted: the two
     * writes of an allocation and a release, indexes included. Reported per pair.
     */
    @Benchmark
    public boolean insertAndDelete() {
        Lease4 fresh = lease(leases + (nextIndex() & 1023), 1_700_000_000L);
        return store.insert(fresh) & store.delete(fresh);
    }

    /** A renewal: the stored lease replaced by one with a new cltt, if it is still the one read. */
    @Benchmark
    public boolean renew() {
        int i = nextIndex();
        Lease4 current = store.get(Ipv4Address.of(0x0A000000 + i)).orElseThrow();
        return store.update(current, lease(i, current.cltt() + 1));
    }

    /** A page of 100 leases after an address, in address order. */
    @Benchmark
    public List<Lease4> page() {
        int i = nextIndex();
        return store.page(Ipv4Address.of(0x0A000000 + Math.max(0, i - 100)), 100);
    }

    /** How many leases the store holds: for tests. */
    long size() {
        return store.size();
    }
}
