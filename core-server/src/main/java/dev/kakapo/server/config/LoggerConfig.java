package dev.kakapo.server.config;

import java.util.List;

/**
 * One entry of {@code loggers}.
 *
 * @param name       the logger name, such as {@code kea-dhcp4} or {@code kea-dhcp4.ha-hooks}
 * @param severity   FATAL, ERROR, WARN, INFO, DEBUG or NONE
 * @param debuglevel 0 to 99, used when the severity is DEBUG
 * @param outputs    where the lines go
 */
public record LoggerConfig(String name, String severity, int debuglevel, List<Output> outputs) {

    /** Copies the list. */
    public LoggerConfig {
        outputs = List.copyOf(outputs);
    }

    /**
     * One of {@code output_options} (Kea 2) or {@code output-options} (Kea 3).
     *
     * @param output  {@code stdout}, {@code stderr}, {@code syslog[:name]} or a file path
     * @param flush   whether each line is flushed
     * @param maxsize the size at which a log file rolls over, bytes; 0 for never
     * @param maxver  how many rolled files are kept
     * @param pattern the line layout, or null for the default
     */
    public record Output(String output, boolean flush, long maxsize, int maxver, String pattern) {
    }
}
