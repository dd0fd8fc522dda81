package dev.kakapo.server.config;

/**
 * {@code multi-threading}.
 *
 * @param enabled         {@code enable-multi-threading}
 * @param threadPoolSize  {@code thread-pool-size}; 0 means one per core
 * @param packetQueueSize {@code packet-queue-size}; 0 means unlimited in Kea, a default ring size here
 */
public record MultiThreadingConfig(boolean enabled, int threadPoolSize, int packetQueueSize) {

    /** Kea's defaults since 2.3.5: enabled, one thread per core, 64 queued packets. */
    public static final MultiThreadingConfig DEFAULT = new MultiThreadingConfig(true, 0, 64);
}
