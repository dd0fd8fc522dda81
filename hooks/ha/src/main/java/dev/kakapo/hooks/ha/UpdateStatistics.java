package dev.kakapo.hooks.ha;

import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.LibraryStatistic;

/**
 * A relationship's lease-update figures among the server's statistics, named after this
 * server's name in the relationship ({@code ha[server1].lease-updates-sent}): what Kea's HA
 * library keeps to itself and an operator wants on a graph.
 */
final class UpdateStatistics {

    private final LibraryStatistic sent;
    private final LibraryStatistic failed;
    private final LibraryStatistic microseconds;
    private final LibraryStatistic unsent;
    private final LibraryStatistic withdrawn;

    UpdateStatistics(LibraryHandle server, String thisServerName) {
        String prefix = "ha[" + thisServerName + "].";
        sent = server.statistic(prefix + "lease-updates-sent");
        failed = server.statistic(prefix + "lease-updates-failed");
        microseconds = server.statistic(prefix + "lease-update-time-us");
        unsent = server.statistic(prefix + "unsent-updates");
        withdrawn = server.statistic(prefix + "leases-withdrawn");
    }

    /** A lease was withdrawn: the partner holds its address for another client. */
    void withdrawn() {
        withdrawn.add(1);
    }

    /** A peer acknowledged the updates of one client after {@code nanos}. */
    void acknowledged(long nanos) {
        sent.add(1);
        microseconds.add(nanos / 1_000);
    }

    /** A peer did not take the updates of one client (no answer, an error, a conflict). */
    void failed() {
        failed.add(1);
    }

    /** The updates the partner has missed since it was last in touch (Kea's unsent-update-count). */
    void unsent(long count) {
        unsent.set(count);
    }
}
