package dev.kakapo.hooks.prometheus;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text exposition format (0.0.4), for tests: every line a
 * HELP, a TYPE or a sample; names and labels well formed; each family's TYPE once, before its
 * samples, which follow each other; values numbers. Throws on the first offence.
 */
final class ExpositionFormat {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    private ExpositionFormat() {
    }

    /** Checks {@code text}; returns the number of samples. */
    static int check(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the last line has no line feed");
        }
        Set<String> typed = new HashSet<>();
        Set<String> finished = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int samples = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                if (!typed.add(m.group(1))) {
                    throw new AssertionError("TYPE given twice for " + m.group(1));
                }
                if (current != null) {
                    finished.add(current);
                }
                current = m.group(1);
                continue;
            }
            m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a sample: " + line);
            }
            if (!m.group(1).equals(current) || finished.contains(m.group(1))) {
                throw new AssertionError("sample outside its family's block: " + line);
            }
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher label = LABEL.matcher(m.group(3));
                int end = 0;
                while (label.find() && label.start() == end) {
                    end = label.end();
                }
                if (end != m.group(3).length()) {
                    throw new AssertionError("malformed labels: " + line);
                }
            }
            if (!series.add(m.group(1) + "{" + m.group(3) + "}")) {
                throw new AssertionError("series given twice: " + line);
            }
            Double.parseDouble(m.group(4).replace("Inf", "Infinity"));
            samples++;
        }
        return samples;
    }
}
