package dev.kakapo.server.config;

/**
 * {@code expired-leases-processing}: how expired leases are reclaimed.
 *
 * @param reclaimTimerWaitTime        seconds between reclamation runs
 * @param flushReclaimedTimerWaitTime seconds between removals of old reclaimed leases
 * @param holdReclaimedTime           seconds a reclaimed lease is kept
 * @param maxReclaimLeases            leases reclaimed per run at most; 0 for no limit
 * @param maxReclaimTime              milliseconds a run may take at most; 0 for no limit
 * @param unwarnedReclaimCycles       runs that may leave leases behind before a warning
 */
public record ExpiredLeasesConfig(long reclaimTimerWaitTime, long flushReclaimedTimerWaitTime, long holdReclaimedTime,
                                  long maxReclaimLeases, long maxReclaimTime, long unwarnedReclaimCycles) {

    /** Kea's defaults. */
    public static final ExpiredLeasesConfig DEFAULT = new ExpiredLeasesConfig(10, 25, 3600, 100, 250, 5);
}
