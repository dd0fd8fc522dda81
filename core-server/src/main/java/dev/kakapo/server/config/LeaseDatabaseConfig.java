package dev.kakapo.server.config;

/**
 * {@code lease-database}: where leases live.
 *
 * @param type         {@code memfile}, the only type Kakapo serves today
 * @param persist      whether leases are written to disk
 * @param name         the lease file, or null for the default
 * @param lfcInterval  {@code lfc-interval}, seconds; 0 disables lease file cleanup
 * @param maxRowErrors {@code max-row-errors}: malformed lease rows tolerated at load, 0 for no limit
 */
public record LeaseDatabaseConfig(String type, boolean persist, String name, long lfcInterval, long maxRowErrors) {

    /** Kea's default: memfile, persisted to the default file, cleaned up hourly. */
    public static final LeaseDatabaseConfig DEFAULT = new LeaseDatabaseConfig("memfile", true, null, 3600, 0);
}
