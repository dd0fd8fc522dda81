package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.net.Ipv4Prefix;
import dev.kakapo.server.config.NetworkParameters;
import dev.kakapo.server.config.Pool4Config;
import dev.kakapo.server.config.ReservationConfig;
import dev.kakapo.server.config.Subnet4Config;
import dev.kakapo.server.stats.SubnetStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A configured subnet as the server uses it: its pools laid end to end so that an allocator can
 * walk them with one counter, its options per scope, its reservations, its statistics.
 */
final class ServedSubnet {

    private final Subnet4Config config;
    private final List<Pool4Config> pools;
    private final long[] poolStarts;
    private final long capacity;
    private final AtomicLong cursor = new AtomicLong();
    private final OptionScope options;
    private final List<OptionScope> poolOptions;
    private final SubnetStatistics statistics;
    private final List<ReservationConfig> reservations;
    private final int[] reservedAddresses;
    private final boolean guardedByClass;
    private final boolean[] poolOpenToAll;
    private List<ServedSubnet> network = List.of(this);

    ServedSubnet(Subnet4Config config, OptionScope options, SubnetStatistics statistics) {
        this.config = config;
        this.options = options;
        this.statistics = statistics;
        this.pools = config.pools();
        this.poolStarts = new long[pools.size() + 1];
        this.poolOptions = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            poolStarts[i + 1] = poolStarts[i] + pools.get(i).size();
            poolOptions.add(new OptionScope(pools.get(i).optionData()));
        }
        this.capacity = poolStarts[pools.size()];
        this.reservations = config.reservations();
        this.reservedAddresses = reservations.stream().filter(r -> r.ipAddress() != null)
                .mapToInt(r -> r.ipAddress().bits()).sorted().toArray();
        List<String> classes = config.parameters().clientClasses();
        this.guardedByClass = classes != null && classes.stream().anyMatch(c -> !c.equals("ALL"));
        this.poolOpenToAll = new boolean[pools.size()];
        for (int i = 0; i < pools.size(); i++) {
            poolOpenToAll[i] = pools.get(i).clientClasses().stream().allMatch(c -> c.equals("ALL"));
        }
    }

    long id() {
        return config.id();
    }

    Ipv4Prefix prefix() {
        return config.prefix();
    }

    Subnet4Config config() {
        return config;
    }

    NetworkParameters parameters() {
        return config.parameters();
    }

    SubnetStatistics statistics() {
        return statistics;
    }

    OptionScope options() {
        return options;
    }

    /** The options of the pool holding {@code address}, or an empty scope. */
    OptionScope poolOptions(Ipv4Address address) {
        int pool = poolIndex(address);
        return pool < 0 ? OptionScope.EMPTY : poolOptions.get(pool);
    }

    List<ReservationConfig> reservations() {
        return reservations;
    }

    /** This subnet and the others of its shared network, this one first. */
    List<ServedSubnet> network() {
        return network;
    }

    void joinNetwork(List<ServedSubnet> members) {
        List<ServedSubnet> ordered = new ArrayList<>();
        ordered.add(this);
        for (ServedSubnet member : members) {
            if (member != this) {
                ordered.add(member);
            }
        }
        this.network = List.copyOf(ordered);
    }

    /** Whether the subnet is for clients of given classes only (not served until classification exists). */
    boolean guardedByClass() {
        return guardedByClass;
    }

    /** The number of addresses the pools hold. */
    long capacity() {
        return capacity;
    }

    /** The next offset of the iterative allocator: a shared counter, so concurrent clients get different addresses. */
    long nextOffset() {
        return Math.floorMod(cursor.getAndIncrement(), capacity);
    }

    /** The address at {@code offset} into the pools laid end to end. */
    Ipv4Address addressAt(long offset) {
        int pool = 0;
        while (offset >= poolStarts[pool + 1]) {
            pool++;
        }
        return pools.get(pool).first().plus(offset - poolStarts[pool]);
    }

    /** Whether the pool holding {@code address} may serve a client that belongs to no class. */
    boolean poolOpenToAll(int pool) {
        return poolOpenToAll[pool];
    }

    /** The index of the pool holding {@code address}, or -1. */
    int poolIndex(Ipv4Address address) {
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).contains(address)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether some host reservation of this subnet holds {@code address}. */
    boolean isReserved(Ipv4Address address) {
        return Arrays.binarySearch(reservedAddresses, address.bits()) >= 0;
    }

    @Override
    public String toString() {
        return "subnet " + id() + " " + prefix();
    }
}
