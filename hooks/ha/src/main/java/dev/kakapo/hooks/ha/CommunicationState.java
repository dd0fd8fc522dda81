package dev.kakapo.hooks.ha;

import java.time.Instant;
import java.util.Set;

/**
 * What a relationship knows of its partner and of the link to it (Kea's communication state):
 * the partner's state, scopes and unsent-update count as its last heartbeat answer gave them,
 * the clock skew, the clients left unanswered while the link is down, and how long it has been
 * since the partner last answered.
 *
 * <p>That last one is counted in time this server was awake, not in wall time: the relationship
 * calls {@link #observe()} every few tens of milliseconds, and a step longer than
 * {@link #maxStepNanos} (the process was stopped, or the machine paused) counts only as that
 * step. A server thawed after ten seconds of SIGSTOP therefore does not conclude, before its next
 * heartbeat can tell it otherwise, that its partner has been silent for ten seconds and is down
 * (while it is the partner that took over). Kea counts wall time there.
 *
 * <p>Written by the relationship's threads; read by packet threads through volatile fields.
 */
final class CommunicationState {

    /** Kea: the clock skew that is warned about, and the one that terminates the relationship. */
    static final long WARN_CLOCK_SKEW_SECONDS = 30;
    static final long TERMINATE_CLOCK_SKEW_SECONDS = 60;

    private final HaConfig config;
    private final HaClock clock;
    private final UnackedClients unacked;
    private final long maxStepNanos;

    private long lastObservedNanos;
    private long awakeNanos;
    private long awakeAtContactNanos;
    private volatile boolean interrupted;
    private boolean paused;

    private volatile HaState partnerState;
    private volatile long partnerStateSinceNanos;
    private volatile Set<String> partnerScopes = Set.of();
    private volatile boolean inTouch;
    private volatile Long clockSkewSeconds;
    private volatile long lastContactNanos;
    private long partnerUnsent;
    private long partnerUnsentPrevious;
    private Long syncBaseline;

    CommunicationState(HaConfig config, HaClock clock) {
        this.config = config;
        this.clock = clock;
        this.unacked = new UnackedClients(config.maxAckDelay());
        long heartbeat = Math.max(100, config.heartbeatDelay()) * 1_000_000L;
        // A step longer than a heartbeat period (or half the failover time, if that is shorter)
        // can only be a pause of this server: the relationship observes every 100 ms.
        this.maxStepNanos = Math.max(200_000_000L, Math.min(heartbeat, config.maxResponseDelay() * 500_000L));
        this.lastObservedNanos = clock.nanos();
        this.lastContactNanos = lastObservedNanos;
    }

    /** Counts the time awake since the last call; true when communication is now interrupted. */
    synchronized boolean observe() {
        long now = clock.nanos();
        long step = now - lastObservedNanos;
        lastObservedNanos = now;
        if (step > maxStepNanos) {
            paused = true;
        }
        awakeNanos += Math.max(0, Math.min(step, maxStepNanos));
        interrupted = awakeNanos - awakeAtContactNanos > config.maxResponseDelay() * 1_000_000L;
        return interrupted;
    }

    /** Whether this server was paused (a step longer than {@link #maxStepNanos}) since the last call. */
    synchronized boolean pausedSinceAsked() {
        boolean was = paused;
        paused = false;
        return was;
    }

    /** The longest step {@link #observe()} counts in full. */
    long maxStepNanos() {
        return maxStepNanos;
    }

    /** Whether the partner has not answered a heartbeat for longer than max-response-delay of this server's time. */
    boolean communicationInterrupted() {
        return interrupted;
    }

    /** A heartbeat answered: the partner's state and what came with it. */
    synchronized void heartbeatSucceeded(HaState state, Set<String> scopes, long unsentUpdates, Instant partnerTime) {
        observe();
        awakeAtContactNanos = awakeNanos;
        interrupted = false;
        lastContactNanos = clock.nanos();
        if (state != partnerState) {
            partnerStateSinceNanos = lastContactNanos;
        }
        partnerState = state;
        partnerScopes = Set.copyOf(scopes);
        partnerUnsentPrevious = partnerUnsent;
        partnerUnsent = unsentUpdates;
        inTouch = true;
        unacked.clear();
        clockSkewSeconds = partnerTime.getEpochSecond() - clock.now().getEpochSecond();
    }

    /**
     * The partner did not answer (a heartbeat or a lease update failed). Its state is unknown
     * until the next heartbeat; before it was ever heard it stays "never heard".
     */
    synchronized void partnerUnavailable() {
        if (partnerState != null || inTouch) {
            if (partnerState != HaState.UNAVAILABLE) {
                partnerStateSinceNanos = clock.nanos();
            }
            partnerState = HaState.UNAVAILABLE;
        }
        clockSkewSeconds = null;
    }

    /** The partner's state as last heard, {@link HaState#UNAVAILABLE} after a failure, null before any answer. */
    HaState partnerState() {
        return partnerState;
    }

    /** How long the partner has been in its last reported state, in seconds. */
    long partnerStateSeconds() {
        return (clock.nanos() - partnerStateSinceNanos) / 1_000_000_000L;
    }

    Set<String> partnerScopes() {
        return partnerScopes;
    }

    boolean inTouch() {
        return inTouch;
    }

    /** The partner's clock minus ours, in seconds, from its last heartbeat answer; null when unknown. */
    Long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    boolean clockSkewTerminates() {
        Long skew = clockSkewSeconds;
        return skew != null && Math.abs(skew) > TERMINATE_CLOCK_SKEW_SECONDS;
    }

    boolean clockSkewWarns() {
        Long skew = clockSkewSeconds;
        return skew != null && Math.abs(skew) > WARN_CLOCK_SKEW_SECONDS;
    }

    /** Seconds since the partner last answered (wall of this server), for status-get. */
    long ageSeconds() {
        return inTouch ? (clock.nanos() - lastContactNanos) / 1_000_000_000L : 0;
    }

    UnackedClients unacked() {
        return unacked;
    }

    /** Kea's failure detection on the partner's clients: any (max-unacked-clients 0) or more than allowed left unanswered. */
    boolean failureDetected() {
        return config.maxUnackedClients() == 0 || unacked.count() > config.maxUnackedClients();
    }

    /**
     * Records the partner's unsent-update count as it was right after this server fetched all of
     * its leases, with its service off: any later change of the count is leases it committed
     * without telling us.
     */
    synchronized void syncedAt(long partnerUnsentUpdates) {
        syncBaseline = partnerUnsentUpdates;
        // A fresher reading than the last heartbeat's: the state machine must not take the
        // difference for updates missed after the synchronisation.
        partnerUnsentPrevious = partnerUnsentUpdates;
        partnerUnsent = partnerUnsentUpdates;
    }

    /**
     * Whether the partner committed leases without sending them to us since we last fetched its
     * leases. Kea compares the partner's count in the last two heartbeats, which misses the
     * updates when the partner passes several heartbeats in waiting and syncing before it is
     * ready (as after a healed partition: both served alone, the count stopped rising before the
     * partner got to ready); Kakapo compares it with the count recorded at its last
     * synchronisation, and falls back on Kea's rule only when it never synchronised.
     */
    synchronized boolean partnerMissedUpdates() {
        if (syncBaseline != null) {
            return partnerUnsent != syncBaseline;
        }
        return partnerUnsent > 0 && partnerUnsent != partnerUnsentPrevious;
    }

    /** The partner's unsent-update count from its last heartbeat answer. */
    synchronized long partnerUnsentUpdates() {
        return partnerUnsent;
    }

    /** Analysis of a query for the partner while communication is interrupted. */
    void analyze(byte[] client, int secs) {
        unacked.analyze(client, secs);
    }
}
