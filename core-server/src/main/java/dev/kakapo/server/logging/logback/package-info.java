/** The Logback side of Kea's {@code loggers}: appenders, levels, layouts. The only classes that touch Logback. */
package dev.kakapo.server.logging.logback;
