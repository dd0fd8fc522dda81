package dev.kakapo.server.dhcp;

import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.server.config.ExpiredLeasesConfig;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.Expiring;
import dev.kakapo.server.hooks.LeaseView;
import dev.kakapo.server.stats.Statistic;
import dev.kakapo.server.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reclaims expired leases as {@code expired-leases-processing} says: each run handles at most
 * {@code max-reclaim-leases} leases in at most {@code max-reclaim-time} milliseconds. A reclaimed
 * lease is kept {@code hold-reclaimed-time} seconds (so a returning client gets its address back)
 * and then flushed; with a hold time of 0 it is deleted at once. A declined address whose
 * probation is over is reclaimed the same way and becomes free.
 */
final class LeaseReclaimer {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseReclaimer.class);
    private static final int BATCH = 1000;

    private final LeaseStore store;
    private final ServingConfig config;
    private final ExpiredLeasesConfig settings;
    private final LongSupplier nowSeconds;
    private final Callouts callouts;
    private final Statistic reclaimedLeases;
    private final Statistic reclaimedDeclined;
    private int cyclesWithLeftovers;

    LeaseReclaimer(LeaseStore store, ServingConfig config, Statistics statistics, LongSupplier nowSeconds, Callouts callouts) {
        this.store = store;
        this.callouts = callouts;
        this.config = config;
        this.settings = config.config().expiredLeasesProcessing();
        this.nowSeconds = nowSeconds;
        this.reclaimedLeases = statistics.get(Statistics.RECLAIMED_LEASES);
        this.reclaimedDeclined = statistics.get(Statistics.RECLAIMED_DECLINED_ADDRESSES);
    }

    /** One reclamation run; returns how many leases it reclaimed. */
    int reclaim() {
        long now = nowSeconds.getAsLong();
        long deadline = settings.maxReclaimTime() == 0 ? Long.MAX_VALUE : System.nanoTime() + settings.maxReclaimTime() * 1_000_000;
        long budget = settings.maxReclaimLeases() == 0 ? Long.MAX_VALUE : settings.maxReclaimLeases();
        int done = 0;
        boolean leftovers = false;
        while (done < budget) {
            List<Lease4> expired = store.expired(now, List.of(LeaseState.DEFAULT, LeaseState.DECLINED),
                    (int) Math.min(BATCH, budget - done));
            if (expired.isEmpty()) {
                break;
            }
            int before = done;
            for (Lease4 lease : expired) {
                if (System.nanoTime() > deadline) {
                    leftovers = true;
                    break;
                }
                if (reclaim(lease)) {
                    done++;
                }
            }
            if (leftovers || done == before) {
                break; // out of time, or every lease left was kept (by a callout, or changed meanwhile)
            }
        }
        leftovers |= done >= budget && !store.expired(now, List.of(LeaseState.DEFAULT, LeaseState.DECLINED), 1).isEmpty();
        warnAboutLeftovers(leftovers);
        return done;
    }

    private boolean reclaim(Lease4 lease) {
        boolean declined = lease.state() == LeaseState.DECLINED;
        if (!declined && callouts.has(HookPoint.LEASE4_EXPIRE)) {
            NextStep step = callouts.run(HookPoint.LEASE4_EXPIRE, new Expiring(lease, settings.holdReclaimedTime() == 0));
            if (step == NextStep.SKIP) {
                return false; // the callout reclaimed it its own way
            }
        }
        if (declined && callouts.has(HookPoint.LEASE4_RECOVER)) {
            NextStep step = callouts.run(HookPoint.LEASE4_RECOVER, new LeaseView(null, lease, false, false));
            if (step == NextStep.SKIP) {
                return false; // stays declined
            }
        }
        Lease4 reclaimed = new Lease4(lease.address(), declined ? null : lease.hwAddress(), declined ? null : lease.clientId(),
                lease.validLifetime(), lease.cltt(), lease.subnetId(), false, false, declined ? "" : lease.hostname(),
                LeaseState.EXPIRED_RECLAIMED, lease.userContext(), lease.poolId());
        boolean done = settings.holdReclaimedTime() > 0 ? store.update(lease, reclaimed) : store.delete(lease);
        if (!done) {
            return false; // changed meanwhile: the client came back
        }
        ServedSubnet subnet = config.subnet(lease.subnetId());
        int pool = subnet == null ? -1 : subnet.poolIndex(lease.address());
        if (declined) {
            reclaimedDeclined.increment();
            if (subnet != null) {
                subnet.statistics().reclaimedDeclined.increment();
            }
            if (pool >= 0) {
                subnet.statistics().poolReclaimedDeclined(pool).increment();
            }
        } else {
            reclaimedLeases.increment();
            if (subnet != null) {
                subnet.statistics().reclaimedLeases.increment();
            }
            if (pool >= 0) {
                subnet.statistics().poolReclaimedLeases(pool).increment();
            }
        }
        return true;
    }

    /** Deletes reclaimed and released leases held longer than {@code hold-reclaimed-time}; returns how many. */
    int flush() {
        return flushExpiredBefore(nowSeconds.getAsLong() - settings.holdReclaimedTime());
    }

    /** Deletes every reclaimed and released lease kept (leases-reclaim with remove); returns how many. */
    int flushAll() {
        return flushExpiredBefore(Long.MAX_VALUE / 2);
    }

    private int flushExpiredBefore(long cutoff) {
        int done = 0;
        while (true) {
            List<Lease4> old = store.expired(cutoff, List.of(LeaseState.EXPIRED_RECLAIMED, LeaseState.RELEASED), BATCH);
            if (old.isEmpty()) {
                return done;
            }
            int before = done;
            for (Lease4 lease : old) {
                if (store.delete(lease)) {
                    done++;
                }
            }
            if (done == before) {
                return done;
            }
        }
    }

    private void warnAboutLeftovers(boolean leftovers) {
        cyclesWithLeftovers = leftovers ? cyclesWithLeftovers + 1 : 0;
        if (settings.unwarnedReclaimCycles() > 0 && cyclesWithLeftovers == settings.unwarnedReclaimCycles()) {
            LOG.warn("ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW {} reclamation runs in a row left expired leases behind; "
                    + "raise max-reclaim-leases or max-reclaim-time", cyclesWithLeftovers);
        }
    }
}
