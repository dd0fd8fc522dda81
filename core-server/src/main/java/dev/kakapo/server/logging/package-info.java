/**
 * Kea's {@code loggers} section applied to Kakapo's logging: Kea's logger names mapped onto
 * Kakapo's, severities and debug levels, and the outputs (stdout, stderr, syslog, rotating files,
 * JSON lines). The standalone server applies them at start and after every {@code config-set};
 * an embedding application keeps its own logging.
 */
package dev.kakapo.server.logging;
