/**
 * Kea's {@code Dhcp4} configuration, read as Kea reads it: JSON with comments and trailing commas,
 * every key checked, values validated with errors that name the JSON path, line and column, and
 * bound into immutable records ({@link dev.kakapo.server.config.Dhcp4Config} and its parts).
 * {@link dev.kakapo.server.config.KeaConfigLoader} is the entry point.
 */
package dev.kakapo.server.config;
