package dev.kakapo.hooks.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric families written in Prometheus's text exposition format (version 0.0.4): a
 * {@code # HELP} and a {@code # TYPE} line per family, then its samples, label values escaped.
 */
final class MetricsText {

    /** A family's header and samples. */
    private record Family(String help, String type, List<String> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Adds a sample to family {@code name} (created with {@code help} and {@code type} the first time). */
    void sample(String name, String type, String help, double value, String... labels) {
        Family family = families.computeIfAbsent(name, n -> new Family(help, type, new ArrayList<>()));
        StringBuilder line = new StringBuilder(name);
        if (labels.length > 0) {
            line.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            line.append('}');
        }
        line.append(' ').append(number(value));
        family.samples().add(line.toString());
    }

    String render() {
        StringBuilder out = new StringBuilder();
        families.forEach((name, family) -> {
            out.append("# HELP ").append(name).append(' ').append(family.help().replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            family.samples().forEach(sample -> out.append(sample).append('\n'));
        });
        return out.toString();
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.isNaN(value) ? "NaN" : Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
