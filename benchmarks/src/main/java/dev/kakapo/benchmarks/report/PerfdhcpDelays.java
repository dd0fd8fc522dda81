package dev.kakapo.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The delays of one perfdhcp run, read from its {@code -x t} output: for every answered
 * DISCOVER and REQUEST, when it was sent and when its answer came ("sent / received:
 * 000000.020332 / 000000.020511", seconds). perfdhcp itself prints only their average.
 *
 * @param discoverOffer milliseconds from each DISCOVER to its OFFER, sorted
 * @param requestAck    milliseconds from each REQUEST to its ACK, sorted
 */
public record PerfdhcpDelays(double[] discoverOffer, double[] requestAck) {

    /** Reads the timestamp sections of a perfdhcp output; empty arrays when it has none. */
    public static PerfdhcpDelays parse(String perfdhcpOutput) {
        List<Double> discoverOffer = new ArrayList<>();
        List<Double> requestAck = new ArrayList<>();
        List<Double> section = null;
        for (String line : perfdhcpOutput.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("***Timestamps for packets: DISCOVER-OFFER")) {
                section = discoverOffer;
            } else if (trimmed.startsWith("***Timestamps for packets: REQUEST-ACK")) {
                section = requestAck;
            } else if (trimmed.startsWith("***")) {
                section = null;
            } else if (section != null && trimmed.startsWith("sent / received:")) {
                String[] times = trimmed.substring("sent / received:".length()).split("/");
                if (times.length == 2) {
                    try {
                        section.add((Double.parseDouble(times[1].trim()) - Double.parseDouble(times[0].trim())) * 1000.0);
                    } catch (NumberFormatException malformed) {
                        // a line perfdhcp cut short: left out
                    }
                }
            }
        }
        return new PerfdhcpDelays(sorted(discoverOffer), sorted(requestAck));
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** The {@code q} quantile (0..1) of sorted {@code values} by the nearest-rank method; NaN when empty. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
