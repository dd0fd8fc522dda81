package dev.kakapo.server.logging;

import dev.kakapo.server.config.LoggerConfig;
import dev.kakapo.server.logging.logback.LogbackOutputs;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Applies a configuration's {@code loggers} to the logging backend. Only Logback (the backend
 * of {@code kakapo-dhcp4}) is configured; with another backend the section is left to it and a
 * warning says so once.
 */
public final class KeaLoggers {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";
    private static volatile boolean warned;

    private KeaLoggers() {
    }

    /**
     * Replaces the current logging set-up by {@code loggers}; with none, the backend's own
     * configuration stays.
     *
     * @param debugEverywhere {@code kakapo-dhcp4 -d}: every logger at DEBUG whatever the section says
     */
    public static void apply(List<LoggerConfig> loggers, boolean debugEverywhere) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals(LOGBACK_CONTEXT)) {
            if (!loggers.isEmpty() && !warned) {
                warned = true;
                LoggerFactory.getLogger(KeaLoggers.class).warn("LOG_BACKEND_NOT_CONFIGURED the loggers section is not"
                        + " applied: the SLF4J backend is {}, not Logback", factory.getClass().getName());
            }
            return;
        }
        if (loggers.isEmpty() && !debugEverywhere) {
            return;
        }
        LogbackOutputs.apply(factory, loggers, KeaLoggerNames::ours, debugEverywhere);
    }
}
