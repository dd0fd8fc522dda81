package dev.kakapo.benchmarks;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The allocation engine on a busy pool: a new client's DISCOVER answered with an OFFER when
 * {@code busy} percent of a 65,534-address pool is leased to others, spread evenly, so the
 * allocator has to step over leased addresses to find a free one. Nothing is written (an OFFER
 * reserves nothing, as in Kea 2.2), so the pool stays as busy for the whole run.
 */
@State(Scope.Thread)
public class AllocationBenchmark extends KakapoBenchmark {

    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 86400, "allocator": "%s",
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/16", "pools": [{"pool": "10.0.0.1-10.0.255.254"}],
                           "relay": {"ip-addresses": ["127.0.0.250"]}}]}}
            """;
    private static final int POOL_SIZE = 65_534;
    private static final int FIRST = Ipv4Address.parse("10.0.0.1").bits();

    /** Kea's iterative or random allocator. */
    @Param({"iterative", "random"})
    public String allocator;

    /** Percent of the pool leased to other clients. */
    @Param({"50", "90", "99"})
    public int busy;

    private ChronicleLeaseStore store;
    private Dhcp4Server server;
    private long client = 1L << 24;

    /** Fills the pool to {@code busy} percent with leases of other clients, then starts the server on it. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        store = ChronicleLeaseStore.inMemory(POOL_SIZE);
        long now = System.currentTimeMillis() / 1000;
        int leased = 0;
        for (int i = 0; i < POOL_SIZE; i++) {
            // Bresenham's spread: address i is leased when it brings the count up to busy% of those so far.
            if ((long) (leased + 1) * 100 > (long) (i + 1) * busy) {
                continue;
            }
            byte[] mac = PacketsOfAClient.mac(i);
            store.put(new Lease4(Ipv4Address.of(FIRST + i), HardwareAddress.of(1, mac), null, 86_400, now, 1,
                    false, false, "", LeaseState.DEFAULT, null, 0));
            leased++;
        }
        server = Dhcp4Server.builder().configText(String.format(CONFIG, allocator)).withoutSockets().leaseStore(store).start();
    }

    /** Closes the server and the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        store.close();
    }

    /** A new client's DISCOVER: returns the OFFER's bytes. */
    @Benchmark
    public byte[] offerToANewClient() {
        long id = ++client;
        return server.handle(DhcpCodec.encode(PacketsOfAClient.query(PacketsOfAClient.mac(id), MessageType.DISCOVER, (int) id)),
                PacketsOfAClient.INBOUND);
    }

    /** How many leases the pool holds: for tests. */
    long leased() {
        return store.size();
    }
}
