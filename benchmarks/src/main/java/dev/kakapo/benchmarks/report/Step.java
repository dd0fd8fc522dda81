package dev.kakapo.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a perfdhcp run as {@code perfdhcp-vs-kea.sh} records it in {@code steps.csv}.
 *
 * @param contestant        who answered (responder, kea, kakapo, kea-pair, ...)
 * @param offered           the rate perfdhcp was asked for, exchanges per second
 * @param achieved          the rate it reached
 * @param lossPercent       exchanges without an ACK, in percent
 * @param delayMillis       perfdhcp's average DISCOVER-OFFER plus REQUEST-ACK delay, milliseconds
 * @param cpuMicros         CPU the server process(es) used per acknowledged exchange
 * @param serverSocketDrops datagrams the kernel dropped at the server's socket
 */
public record Step(String contestant, int offered, double achieved, double lossPercent, double delayMillis, double cpuMicros,
                   long serverSocketDrops) {

    /** Reads every step of {@code steps.csv} (its header line first). */
    public static List<Step> read(Path csv) throws IOException {
        List<Step> steps = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 10) {
                continue;
            }
            steps.add(new Step(f[0], Integer.parseInt(f[1]), number(f[2]), number(f[5]), number(f[6]) + number(f[7]), number(f[8]),
                    (long) number(f[9])));
        }
        return steps;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
