package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.stats.Statistic;
import dev.kakapo.server.stats.Statistics;
import dev.kakapo.server.stats.SubnetStatistics;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A lease store that keeps the address statistics right whoever writes: the engine, reclamation,
 * lease commands or an HA partner. After each successful write it moves the lease from its old
 * counts to its new ones: {@code assigned-addresses} (leases assigned or declined) and
 * {@code declined-addresses}, per subnet and pool and in total.
 */
final class CountingLeaseStore implements LeaseStore {

    private final LeaseStore delegate;
    private final ServingConfig config;
    private final Statistic declinedTotal;

    CountingLeaseStore(LeaseStore delegate, ServingConfig config, Statistics statistics) {
        this.delegate = delegate;
        this.config = config;
        this.declinedTotal = statistics.get(Statistics.DECLINED_ADDRESSES);
    }

    /** Sets the counts from the leases already in the store (at start-up). */
    void recount() {
        for (ServedSubnet subnet : config.subnets()) {
            subnet.statistics().assigned.set(0);
            subnet.statistics().declined.set(0);
            for (int i = 0; i < subnet.config().pools().size(); i++) {
                subnet.statistics().poolAssigned(i).set(0);
                subnet.statistics().poolDeclined(i).set(0);
            }
        }
        declinedTotal.set(0);
        delegate.forEachLease(lease -> count(lease, 1));
    }

    private void count(Lease4 lease, int sign) {
        if (lease == null || lease.state() != LeaseState.DEFAULT && lease.state() != LeaseState.DECLINED) {
            return;
        }
        ServedSubnet subnet = config.subnet(lease.subnetId());
        if (lease.state() == LeaseState.DECLINED) {
            declinedTotal.add(sign);
        }
        if (subnet == null) {
            return;
        }
        SubnetStatistics s = subnet.statistics();
        s.assigned.add(sign);
        int pool = subnet.poolIndex(lease.address());
        if (pool >= 0) {
            s.poolAssigned(pool).add(sign);
        }
        if (lease.state() == LeaseState.DECLINED) {
            s.declined.add(sign);
            if (pool >= 0) {
                s.poolDeclined(pool).add(sign);
            }
        }
    }

    private void moved(Lease4 before, Lease4 after) {
        count(before, -1);
        count(after, 1);
    }

    @Override
    public Optional<Lease4> get(Ipv4Address address) {
        return delegate.get(address);
    }

    @Override
    public boolean insert(Lease4 lease) {
        boolean done = delegate.insert(lease);
        if (done) {
            moved(null, lease);
        }
        return done;
    }

    @Override
    public boolean update(Lease4 expected, Lease4 replacement) {
        boolean done = delegate.update(expected, replacement);
        if (done) {
            moved(expected, replacement);
        }
        return done;
    }

    @Override
    public Optional<Lease4> put(Lease4 lease) {
        Optional<Lease4> previous = delegate.put(lease);
        moved(previous.orElse(null), lease);
        return previous;
    }

    @Override
    public boolean delete(Lease4 expected) {
        boolean done = delegate.delete(expected);
        if (done) {
            moved(expected, null);
        }
        return done;
    }

    @Override
    public Optional<Lease4> remove(Ipv4Address address) {
        Optional<Lease4> removed = delegate.remove(address);
        removed.ifPresent(lease -> moved(lease, null));
        return removed;
    }

    @Override
    public List<Lease4> findByHwAddress(HardwareAddress hwAddress) {
        return delegate.findByHwAddress(hwAddress);
    }

    @Override
    public List<Lease4> findByClientId(byte[] clientId) {
        return delegate.findByClientId(clientId);
    }

    @Override
    public List<Lease4> findByHostname(String hostname) {
        return delegate.findByHostname(hostname);
    }

    @Override
    public List<Lease4> page(Ipv4Address after, int limit) {
        return delegate.page(after, limit);
    }

    @Override
    public void forEachLease(Consumer<Lease4> action) {
        delegate.forEachLease(action);
    }

    @Override
    public long takenRun(Ipv4Address from, Ipv4Address last) {
        return delegate.takenRun(from, last);
    }

    @Override
    public List<Lease4> expired(long epochSeconds, List<LeaseState> states, int limit) {
        return delegate.expired(epochSeconds, states, limit);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    /** Leaves the underlying store open: it belongs to the server, which outlives configurations. */
    @Override
    public void close() {
    }
}
