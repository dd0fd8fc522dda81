package dev.kakapo.server.hooks;

import dev.kakapo.server.stats.Statistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Where answers parked at {@code leases4_committed} wait: at most {@code parked-packet-limit} at
 * once (0: no limit), as Kea bounds its parking lot. When the lot is full a new packet that would
 * meet parking callouts is dropped and counted, as Kea drops it.
 *
 * <p>Unlike Kea, a parked answer is not kept for ever: one still held after
 * {@value #ABANDON_AFTER_SECONDS} seconds is dropped (its client has long retransmitted), so a
 * hook that parks and forgets cannot fill the lot and stop the server.
 */
public final class ParkingLot {

    private static final Logger LOG = LoggerFactory.getLogger(ParkingLot.class);
    /** How long a parked answer may wait before it is dropped. */
    public static final long ABANDON_AFTER_SECONDS = 30;

    private final long limit;
    private final Statistic dropped;
    private final Statistic parkedNow;
    private final LongSupplier nanoTime;
    private final Set<Parking> parked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * A lot for at most {@code limit} answers (0: no limit).
     *
     * @param dropped   counts packets dropped because the lot was full or their answer was abandoned
     * @param parkedNow how many answers are parked ({@code pkt4-parked}), or null
     * @param nanoTime  the clock (tests move it)
     */
    public ParkingLot(long limit, Statistic dropped, Statistic parkedNow, LongSupplier nanoTime) {
        this.limit = limit;
        this.dropped = dropped;
        this.parkedNow = parkedNow;
        this.nanoTime = nanoTime;
    }

    /**
     * A parking place for one packet's answer, or null when the lot is full even after dropping
     * the answers waiting too long (the caller drops the packet; it is counted here).
     */
    public Parking enter() {
        if (limit > 0 && size.get() >= limit) {
            abandonOld();
            if (size.get() >= limit) {
                dropped.increment();
                LOG.debug("DHCP4_HOOK_LEASES4_PARKING_LOT_FULL {} answers are parked; the packet is dropped", size.get());
                return null;
            }
        }
        return new Parking(this);
    }

    /** How many answers are parked now. */
    public int size() {
        return size.get();
    }

    void parked(Parking parking) {
        parking.deadline = nanoTime.getAsLong() + ABANDON_AFTER_SECONDS * 1_000_000_000L;
        parked.add(parking);
        size.incrementAndGet();
        if (parkedNow != null) {
            parkedNow.increment();
        }
    }

    void left(Parking parking, boolean sent) {
        if (parked.remove(parking)) {
            size.decrementAndGet();
            if (parkedNow != null) {
                parkedNow.add(-1);
            }
        }
        if (!sent) {
            dropped.increment();
        }
    }

    private void abandonOld() {
        long now = nanoTime.getAsLong();
        for (Parking parking : parked) {
            if (now - parking.deadline > 0 && parking.abandon()) {
                LOG.warn("DHCP4_HOOK_PARKED_ANSWER_ABANDONED an answer held by a hook for {} s is dropped", ABANDON_AFTER_SECONDS);
            }
        }
    }
}
