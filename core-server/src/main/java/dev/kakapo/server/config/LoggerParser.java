package dev.kakapo.server.config;

import java.util.List;
import java.util.Set;

/** Reads {@code loggers}, in Kea 2's spelling ({@code output_options}) or Kea 3's ({@code output-options}). */
final class LoggerParser {

    private static final Set<String> SEVERITIES = Set.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "NONE");

    private LoggerParser() {
    }

    static List<LoggerConfig> readAll(MapReader parent) {
        return parent.mapList("loggers", LoggerParser::read);
    }

    private static LoggerConfig read(MapReader r) {
        String name = r.requiredString("name");
        String severity = r.string("severity");
        Long debuglevel = r.integer("debuglevel", 0, 99);
        if (r.has("output_options") && r.has("output-options")) {
            r.error("output-options", "use either output_options (Kea 2) or output-options (Kea 3), not both");
        }
        String outputsKey = r.has("output-options") ? "output-options" : "output_options";
        r.skip("output_options", "output-options");
        List<LoggerConfig.Output> outputs = r.mapList(outputsKey, LoggerParser::output);
        r.userContext();
        r.skip("comment");
        r.finish();
        if (severity != null && !SEVERITIES.contains(severity.toUpperCase(java.util.Locale.ROOT))) {
            r.error("severity", "'" + severity + "' is not a severity: expected FATAL, ERROR, WARN, INFO, DEBUG or NONE");
            return null;
        }
        if (name == null) {
            return null;
        }
        return new LoggerConfig(name, severity == null ? "INFO" : severity.toUpperCase(java.util.Locale.ROOT),
                debuglevel == null ? 0 : debuglevel.intValue(), outputs);
    }

    private static LoggerConfig.Output output(MapReader r) {
        String output = r.requiredString("output");
        Boolean flush = r.bool("flush");
        Long maxsize = r.uint32("maxsize");
        Long maxver = r.integer("maxver", 0, 1000);
        String pattern = r.string("pattern");
        r.userContext();
        r.skip("comment");
        r.finish();
        if (output == null) {
            return null;
        }
        if (output.isBlank()) {
            r.error("output", "output cannot be empty: expected stdout, stderr, syslog[:name] or a file path");
            return null;
        }
        return new LoggerConfig.Output(output, flush == null || flush, maxsize == null ? 10240000 : maxsize,
                maxver == null ? 1 : maxver.intValue(), pattern);
    }
}
