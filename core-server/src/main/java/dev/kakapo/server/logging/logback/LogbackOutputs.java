package dev.kakapo.server.logging.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import dev.kakapo.server.config.LoggerConfig;
import org.slf4j.ILoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds Logback's loggers and appenders from Kea's {@code loggers}: each Kea logger sets the
 * level of the Kakapo loggers it stands for and, when it has outputs, sends them there only (a
 * logger without outputs writes where its parent does, as in Kea). Two loggers naming one output
 * share one appender, so a file is opened once.
 */
public final class LogbackOutputs {

    /** The layout of {@code kakapo-dhcp4}'s lines when a logger names no pattern. */
    public static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [kakapo-dhcp4/%thread] %msg%n";
    private static final String JSON = "json";
    private static final long SIZE_CHECK_MILLIS = 100;

    private LogbackOutputs() {
    }

    /**
     * Applies {@code loggers}; {@code ours} maps a Kea logger name onto SLF4J logger names.
     *
     * @param debugEverywhere every logger at DEBUG ({@code kakapo-dhcp4 -d})
     */
    public static void apply(ILoggerFactory factory, List<LoggerConfig> loggers, Function<String, List<String>> ours,
                             boolean debugEverywhere) {
        LoggerContext context = (LoggerContext) factory;
        context.reset();
        // Chronicle announces where it loaded from and warns about recovery in its own words.
        context.getLogger("net.openhft").setLevel(Level.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Map<String, Appender<ILoggingEvent>> appenders = new HashMap<>();
        boolean rootConfigured = false;
        for (LoggerConfig config : loggers) {
            Level level = debugEverywhere ? Level.DEBUG : level(config.severity(), config.debuglevel());
            for (String name : ours.apply(config.name())) {
                Logger logger = context.getLogger(name);
                logger.setLevel(level);
                rootConfigured |= logger == root;
                if (!config.outputs().isEmpty()) {
                    logger.setAdditive(false);
                    for (LoggerConfig.Output output : config.outputs()) {
                        logger.addAppender(appenders.computeIfAbsent(output.output() + "\u0000" + output.pattern(),
                                key -> appender(context, output)));
                    }
                }
            }
        }
        if (!rootConfigured) {
            // Kea logs at INFO when no entry names kea-dhcp4; Kakapo writes those lines to stderr.
            root.setLevel(debugEverywhere ? Level.DEBUG : Level.INFO);
            root.addAppender(appenders.computeIfAbsent("stderr\u0000null",
                    key -> appender(context, new LoggerConfig.Output("stderr", true, 0, 0, null))));
        } else if (!root.iteratorForAppenders().hasNext()) {
            root.addAppender(appenders.computeIfAbsent("stderr\u0000null",
                    key -> appender(context, new LoggerConfig.Output("stderr", true, 0, 0, null))));
        }
    }

    /** Kea's severity and debug level as a Logback level: FATAL is ERROR, NONE is OFF, DEBUG above 50 is TRACE. */
    static Level level(String severity, int debuglevel) {
        return switch (severity.toUpperCase(Locale.ROOT)) {
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN" -> Level.WARN;
            case "DEBUG" -> debuglevel >= 50 ? Level.TRACE : Level.DEBUG;
            case "NONE" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    private static Appender<ILoggingEvent> appender(LoggerContext context, LoggerConfig.Output output) {
        String where = output.output();
        Appender<ILoggingEvent> appender;
        if (where.equals("stdout") || where.equals("stderr")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget(where.equals("stdout") ? "System.out" : "System.err");
            console.setEncoder(encoder(context, output.pattern()));
            console.setImmediateFlush(output.flush());
            appender = console;
        } else if (where.equals("syslog") || where.startsWith("syslog:")) {
            SyslogAppender syslog = new SyslogAppender();
            syslog.setSyslogHost("localhost");
            syslog.setFacility("USER");
            String ident = where.startsWith("syslog:") ? where.substring("syslog:".length()) : "kakapo-dhcp4";
            syslog.setSuffixPattern(ident + ": " + (output.pattern() == null || output.pattern().equalsIgnoreCase(JSON)
                    ? "%-5level [%thread] %msg" : Log4cplusPattern.toLogback(output.pattern())));
            appender = syslog;
        } else if (output.maxsize() > 0 && output.maxver() > 0) {
            RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
            file.setContext(context);
            file.setFile(where);
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
            rolling.setContext(context);
            rolling.setParent(file);
            rolling.setFileNamePattern(where + ".%i");
            rolling.setMinIndex(1);
            rolling.setMaxIndex(output.maxver());
            rolling.start();
            SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
            trigger.setContext(context);
            trigger.setMaxFileSize(new FileSize(output.maxsize()));
            // Logback looks at the size once a minute by default; Kea's maxsize means sooner than that.
            trigger.setCheckIncrement(Duration.buildByMilliseconds(SIZE_CHECK_MILLIS));
            trigger.start();
            file.setRollingPolicy(rolling);
            file.setTriggeringPolicy(trigger);
            file.setEncoder(encoder(context, output.pattern()));
            file.setImmediateFlush(output.flush());
            appender = file;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(where);
            file.setEncoder(encoder(context, output.pattern()));
            file.setImmediateFlush(output.flush());
            appender = file;
        }
        appender.setContext(context);
        appender.setName(where);
        appender.start();
        return appender;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String pattern) {
        if (pattern != null && pattern.equalsIgnoreCase(JSON)) {
            JsonLinesEncoder json = new JsonLinesEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern == null ? DEFAULT_PATTERN : Log4cplusPattern.toLogback(pattern));
        encoder.start();
        return encoder;
    }
}
