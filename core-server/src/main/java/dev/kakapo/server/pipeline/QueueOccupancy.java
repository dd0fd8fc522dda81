package dev.kakapo.server.pipeline;

/**
 * How full the rings are when packets arrive, as Kea's {@code packet-queue-statistics} report
 * it: exponentially weighted averages over about the last 10, 100 and 1000 packets. Receiving
 * threads update it without locks; with several sockets an update may now and then be lost,
 * which an average does not notice.
 */
final class QueueOccupancy {

    private volatile double last10;
    private volatile double last100;
    private volatile double last1000;

    void sample(long waiting) {
        last10 += (waiting - last10) / 10;
        last100 += (waiting - last100) / 100;
        last1000 += (waiting - last1000) / 1000;
    }

    double[] averages() {
        return new double[] {last10, last100, last1000};
    }
}
