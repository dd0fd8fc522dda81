package dev.kakapo.api.hooks;

/**
 * A statistic a hook library keeps among the server's own: {@code statistic-get} and
 * {@code statistic-get-all} report it, and the Prometheus exporter exports it. Safe to update
 * from any thread, at packet rate.
 */
public interface LibraryStatistic {

    /** Adds {@code delta} (negative to subtract): for counters, and gauges that move by steps. */
    void add(long delta);

    /** Sets the value: for gauges. */
    void set(long value);

    /** The current value. */
    long value();
}
