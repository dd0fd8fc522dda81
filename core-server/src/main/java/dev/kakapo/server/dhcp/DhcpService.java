package dev.kakapo.server.dhcp;

import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.ExpiredLeasesConfig;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.ParkingLot;
import dev.kakapo.server.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The DHCP service of one configuration: the processor over the lease store (with statistics
 * kept in step), and the timers that reclaim expired leases and flush old reclaimed ones. A new
 * configuration gets a new service over the same store.
 */
public final class DhcpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DhcpService.class);

    private final Dhcp4Config config;
    private final ServingConfig serving;
    private final CountingLeaseStore leases;
    private final Statistics statistics;
    private final LongSupplier nowSeconds;
    private final int serverPort;
    private final int clientPort;
    private Dhcp4Processor processor;
    private LeaseReclaimer reclaimer;
    private ScheduledExecutorService timers;

    /**
     * Prepares the service: the subnets and the lease store with statistics kept in step (counted
     * now). Nothing is served before {@link #start}.
     *
     * @param config     the configuration
     * @param store      the lease store; not closed by the service
     * @param statistics where the statistics go
     * @param nowSeconds the clock
     * @param serverPort the port relays are answered on
     * @param clientPort the port clients are answered on
     */
    public DhcpService(Dhcp4Config config, LeaseStore store, Statistics statistics, LongSupplier nowSeconds,
                       int serverPort, int clientPort) {
        this.config = config;
        this.serving = new ServingConfig(config, statistics);
        this.leases = new CountingLeaseStore(store, serving, statistics);
        this.statistics = statistics;
        this.nowSeconds = nowSeconds;
        this.serverPort = serverPort;
        this.clientPort = clientPort;
        leases.recount();
    }

    /**
     * Makes the processor with the hook libraries' callouts and starts the reclamation timers.
     *
     * @param callouts   the hook libraries' callouts
     * @param parkingLot where answers parked by callouts wait
     */
    public void start(Callouts callouts, ParkingLot parkingLot) {
        this.processor = new Dhcp4Processor(serving, new LeaseAllocator(leases, callouts), statistics, nowSeconds, serverPort, clientPort,
                callouts, parkingLot);
        this.reclaimer = new LeaseReclaimer(leases, serving, statistics, nowSeconds, callouts);
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kakapo-reclaim");
            thread.setDaemon(true);
            return thread;
        });
        ExpiredLeasesConfig expired = config.expiredLeasesProcessing();
        if (expired.reclaimTimerWaitTime() > 0) {
            timers.scheduleWithFixedDelay(this::reclaimQuietly, expired.reclaimTimerWaitTime(),
                    expired.reclaimTimerWaitTime(), TimeUnit.SECONDS);
        }
        if (expired.flushReclaimedTimerWaitTime() > 0 && expired.holdReclaimedTime() > 0) {
            timers.scheduleWithFixedDelay(this::flushQuietly, expired.flushReclaimedTimerWaitTime(),
                    expired.flushReclaimedTimerWaitTime(), TimeUnit.SECONDS);
        }
    }

    /** The processor. */
    public Dhcp4Processor processor() {
        return processor;
    }

    /** The configured subnets as hook libraries see them. */
    public List<SubnetInfo> subnets() {
        return serving.subnetInfos();
    }

    /** The lease store, statistics included. */
    public LeaseStore leases() {
        return leases;
    }

    /** Reclaims expired leases now; returns how many. With {@code remove}, also deletes the reclaimed leases kept so far. */
    public int reclaimNow(boolean remove) {
        int reclaimed = reclaimer.reclaim();
        if (remove) {
            reclaimer.flushAll();
        }
        return reclaimed;
    }

    private void reclaimQuietly() {
        try {
            int reclaimed = reclaimer.reclaim();
            if (reclaimed > 0) {
                LOG.debug("ALLOC_ENGINE_V4_LEASES_RECLAIMED {} expired leases reclaimed", reclaimed);
            }
        } catch (RuntimeException e) {
            LOG.error("ALLOC_ENGINE_V4_RECLAIM_FAILED {}", e.toString(), e);
        }
    }

    private void flushQuietly() {
        try {
            reclaimer.flush();
        } catch (RuntimeException e) {
            LOG.error("ALLOC_ENGINE_V4_FLUSH_FAILED {}", e.toString(), e);
        }
    }

    /** Stops the timers (waiting for a running reclamation to finish). */
    @Override
    public void close() {
        if (timers == null) {
            return;
        }
        timers.shutdown();
        try {
            if (!timers.awaitTermination(10, TimeUnit.SECONDS)) {
                timers.shutdownNow();
            }
        } catch (InterruptedException e) {
            timers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
