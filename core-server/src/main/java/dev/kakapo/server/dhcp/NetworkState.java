package dev.kakapo.server.dhcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the DHCP service is enabled, as {@code dhcp-disable} and {@code dhcp-enable} set it:
 * disabled while any origin holds a disable (the user = 1, an HA relationship's local state
 * machine = 1000 + n, its partner = 2000 + n, as Kea 2.6 numbers them), each origin's disable
 * optionally lifted by itself after {@code max-period} seconds. While disabled every received
 * packet is dropped. Packet threads read one volatile flag.
 *
 * <p>A disable returns only once the packets admitted before it have been handled (their leases
 * written), up to {@link #DRAIN_MILLIS}: an HA partner that disables this server and then reads
 * its leases must find every lease an exchange already under way was going to write. Kea answers
 * {@code dhcp-disable} while its packet threads may still be allocating.
 */
public final class NetworkState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkState.class);
    /** The origin of the user's {@code dhcp-disable}. */
    public static final int USER = 1;
    /** The first origin of HA relationships' own state machines. */
    public static final int HA_LOCAL = 1000;
    /** The first origin of HA partners' commands; Kea 2.2's {@code "ha-partner"}. */
    public static final int HA_REMOTE = 2000;

    private final Set<Integer> disabledBy = new TreeSet<>();
    private final Map<Integer, ScheduledFuture<?>> timers = new TreeMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kakapo-network-state");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean enabled = true;
    /** Packets admitted and not yet handled. */
    private final LongAdder inFlight = new LongAdder();
    /** How many packets the calling thread is handling (a callout may disable the service it runs in). */
    private final ThreadLocal<int[]> handling = ThreadLocal.withInitial(() -> new int[1]);
    /** The longest a disable waits for packets under way. */
    static final long DRAIN_MILLIS = 2000;

    /** Whether packets are served. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Admits a packet for handling: true when the service is enabled, and then {@link #handled()}
     * must follow once the packet's leases are written.
     */
    public boolean admit() {
        // Counted before the flag is read: a disable that sets the flag and then finds the count at
        // zero knows no packet that saw the service enabled is still under way.
        inFlight.increment();
        if (!enabled) {
            inFlight.decrement();
            return false;
        }
        handling.get()[0]++;
        return true;
    }

    /** The packet {@link #admit()} let in has been handled. */
    public void handled() {
        handling.get()[0]--;
        inFlight.decrement();
    }

    /** Disables the service for {@code origin}; with {@code maxPeriodSeconds} above 0, that origin's disable ends by itself then. */
    public void disable(int origin, long maxPeriodSeconds) {
        disableNow(origin, maxPeriodSeconds);
        awaitDrained();
    }

    private void awaitDrained() {
        long own = handling.get()[0];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (inFlight.sum() > own) {
            if (System.nanoTime() > deadline) {
                LOG.warn("DHCP4_DISABLE_DRAIN_TIMEOUT packets were still being handled {} ms after the service was disabled",
                        DRAIN_MILLIS);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private synchronized void disableNow(int origin, long maxPeriodSeconds) {
        disabledBy.add(origin);
        ScheduledFuture<?> old = timers.remove(origin);
        if (old != null) {
            old.cancel(false);
        }
        if (maxPeriodSeconds > 0) {
            // The timer checks that it is still the origin's: a later disable may have replaced it.
            AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
            self.set(scheduler.schedule(() -> expire(origin, self), maxPeriodSeconds, TimeUnit.SECONDS));
            timers.put(origin, self.get());
        }
        enabled = false;
        LOG.info("DHCP4_DISABLED by origin {}{}", origin, maxPeriodSeconds > 0 ? " for " + maxPeriodSeconds + " s" : "");
    }

    /** Lifts {@code origin}'s disable; the service is enabled when no other origin holds one. */
    public synchronized void enable(int origin) {
        disabledBy.remove(origin);
        ScheduledFuture<?> timer = timers.remove(origin);
        if (timer != null) {
            timer.cancel(false);
        }
        enabled = disabledBy.isEmpty();
        LOG.info("DHCP4_ENABLED by origin {}; {}", origin, enabled ? "serving" : "still disabled by " + disabledBy);
    }

    /** The origins holding a disable now. */
    public synchronized Set<Integer> disabledBy() {
        return new TreeSet<>(disabledBy);
    }

    private synchronized void expire(int origin, AtomicReference<ScheduledFuture<?>> self) {
        if (timers.get(origin) == self.get() && timers.remove(origin) != null) {
            LOG.info("DHCP4_DISABLE_EXPIRED the disable of origin {} reached its max-period", origin);
            disabledBy.remove(origin);
            enabled = disabledBy.isEmpty();
        }
    }

    /** Stops the timers. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
