/**
 * A Prometheus exporter as a hook library, built on the SDK alone: it reads the server's
 * statistics and status with the same commands an operator's scripts send
 * ({@code statistic-get-all}, {@code status-get}) and serves them on {@code /metrics}.
 */
package dev.kakapo.hooks.prometheus;
