package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.net.Ipv4Prefix;
import dev.kakapo.server.classify.ClientClasses;
import dev.kakapo.server.config.NetworkParameters;
import dev.kakapo.server.config.Pool4Config;
import dev.kakapo.server.config.ReservationConfig;
import dev.kakapo.server.config.Subnet4Config;
import dev.kakapo.server.stats.SubnetStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

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
    private final HostIndex hosts;
    private final int[] reservedAddresses;
    private final List<String> guard;
    private final List<List<String>> poolGuards = new ArrayList<>();
    private List<ServedSubnet> network = List.of(this);

    /**
     * @param globalReservations the global reservations, whose addresses inside this subnet are kept
     *                           from other clients when the subnet honours global reservations
     */
    ServedSubnet(Subnet4Config config, OptionScope options, SubnetStatistics statistics,
                 List<ReservationConfig> globalReservations) {
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
        NetworkParameters p = config.parameters();
        List<ReservationConfig> own = Boolean.FALSE.equals(p.reservationsInSubnet()) ? List.of() : config.reservations();
        this.hosts = new HostIndex(own);
        List<ReservationConfig> inForce = new ArrayList<>(own);
        if (Boolean.TRUE.equals(p.reservationsGlobal())) {
            globalReservations.stream().filter(r -> r.ipAddress() != null && config.prefix().contains(r.ipAddress()))
                    .forEach(inForce::add);
        }
        this.reservedAddresses = inForce.stream().filter(r -> r.ipAddress() != null)
                .mapToInt(r -> r.ipAddress().bits()).sorted().toArray();
        this.guard = guard(p.clientClasses());
        for (Pool4Config pool : pools) {
            poolGuards.add(guard(pool.clientClasses()));
        }
    }

    /** The classes a scope admits: none listed, or only ALL, means everyone. */
    private static List<String> guard(List<String> classes) {
        if (classes == null || classes.isEmpty() || classes.contains("ALL")) {
            return List.of();
        }
        return List.copyOf(classes);
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

    /** This subnet's reservations by identifier (empty when {@code reservations-in-subnet} is off). */
    HostIndex hosts() {
        return hosts;
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

    /** Whether a client of {@code classes} may use this subnet (null classes: a client in no class but ALL). */
    boolean admits(ClientClasses classes) {
        return guard.isEmpty() || classes != null && classes.memberOfAny(guard);
    }

    /** The number of addresses the pools hold. */
    long capacity() {
        return capacity;
    }

    /** The next offset of the iterative allocator: a shared counter, so concurrent clients get different addresses. */
    long nextOffset() {
        return Math.floorMod(cursor.getAndIncrement(), capacity);
    }

    /** One step of the iterative allocator: the offset to try, and how many known-taken addresses it stepped over. */
    record Step(long offset, long skipped) {
    }

    /**
     * The iterative allocator's next offset, stepping over the addresses that
     * {@code takenFrom(offset)} says are taken from the counter's position on. The counter moves
     * past the run and the address tried in one step, so concurrent clients still try different
     * addresses.
     */
    Step nextStep(LongUnaryOperator takenFrom) {
        while (true) {
            long counter = cursor.get();
            long offset = Math.floorMod(counter, capacity);
            long skipped = takenFrom.applyAsLong(offset);
            if (cursor.compareAndSet(counter, counter + skipped + 1)) {
                return new Step(Math.floorMod(offset + skipped, capacity), skipped);
            }
        }
    }

    /** The address at {@code offset} into the pools laid end to end. */
    Ipv4Address addressAt(long offset) {
        int pool = poolAt(offset);
        return pools.get(pool).first().plus(offset - poolStarts[pool]);
    }

    /** The last address of the pool that {@code offset} falls in. */
    Ipv4Address lastOfPoolAt(long offset) {
        return pools.get(poolAt(offset)).last();
    }

    private int poolAt(long offset) {
        int pool = 0;
        while (offset >= poolStarts[pool + 1]) {
            pool++;
        }
        return pool;
    }

    /** Whether pool {@code pool} may serve a client of {@code classes}. */
    boolean poolAdmits(int pool, ClientClasses classes) {
        List<String> poolGuard = poolGuards.get(pool);
        return poolGuard.isEmpty() || classes != null && classes.memberOfAny(poolGuard);
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

    /**
     * Whether a host reservation in force here holds {@code address}. With
     * {@code reservations-out-of-pool} the operator promises reservations lie outside the pools,
     * so, as Kea does, pool addresses are not checked.
     */
    boolean isReserved(Ipv4Address address) {
        if (Boolean.TRUE.equals(config.parameters().reservationsOutOfPool()) && poolIndex(address) >= 0) {
            return false;
        }
        return Arrays.binarySearch(reservedAddresses, address.bits()) >= 0;
    }

    @Override
    public String toString() {
        return "subnet " + id() + " " + prefix();
    }
}
