package dev.kakapo.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what {@code benchmarks/run-all.sh} measured into {@code summary.md} and a chart per load
 * generator ({@code perfdhcp.png}, {@code dora-blast.png}) in the same directory: the JMH table
 * (from {@code jmh.json}), the million-lease table ({@code scale/scale.md}) and, for each
 * generator's run ({@code perfdhcp/} and {@code dora-blast/}: {@code steps.csv}, {@code delays.csv}
 * and the timestamped perfdhcp outputs), every contestant's highest rate at 1 % loss or less, its
 * ratio to Kea's counterpart and to the generator's ceiling, its CPU there, the delay percentiles
 * at Kea's best rate (perfdhcp only), and the chart.
 */
public final class Report {

    private static final double LOSS_LIMIT = 1.0;

    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param args the results directory
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report RESULTS-DIRECTORY");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String summary = write(dir);
        System.out.print(summary);
    }

    /** Writes summary.md (and a chart per generator that ran) into {@code dir}; returns the summary. */
    public static String write(Path dir) throws IOException {
        StringBuilder summary = new StringBuilder("# Benchmark results\n\n");
        Path environment = dir.resolve("environment.txt");
        if (Files.exists(environment)) {
            summary.append("```\n").append(Files.readString(environment)).append("```\n\n");
        }
        for (String generator : GENERATORS) {
            Path steps = dir.resolve(generator).resolve("steps.csv");
            if (Files.exists(steps)) {
                summary.append(sideBySide(dir, generator, Step.read(steps)));
            }
        }
        Path scale = dir.resolve("scale/scale.md");
        if (Files.exists(scale)) {
            summary.append("## A million leases\n\n").append(Files.readString(scale)).append('\n');
        }
        Path jmh = dir.resolve("jmh.json");
        if (Files.exists(jmh)) {
            summary.append("## JMH (").append(jmh.getFileName()).append(")\n\n").append(JmhTable.of(jmh)).append('\n');
        }
        Files.writeString(dir.resolve("summary.md"), summary);
        return summary.toString();
    }

    /** The load generators whose runs (a directory each, named after it) the summary shows, in this order. */
    static final List<String> GENERATORS = List.of("perfdhcp", "dora-blast");

    /** The side-by-side table and chart of one generator's run, from {@code dir/generator/}. */
    private static String sideBySide(Path dir, String generator, List<Step> steps) throws IOException {
        Map<String, List<Step>> byContestant = new LinkedHashMap<>();
        steps.forEach(s -> byContestant.computeIfAbsent(s.contestant(), c -> new ArrayList<>()).add(s));
        Map<String, Integer> best = new LinkedHashMap<>();
        LossAndDelayChart chart = new LossAndDelayChart();
        for (Map.Entry<String, List<Step>> entry : byContestant.entrySet()) {
            // The highest rate kept below the lowest rate lost, as the script's search and halvings find it.
            int lowestLost = entry.getValue().stream().filter(s -> s.lossPercent() > LOSS_LIMIT).mapToInt(Step::offered)
                    .min().orElse(Integer.MAX_VALUE);
            int highest = entry.getValue().stream().filter(s -> s.lossPercent() <= LOSS_LIMIT && s.offered() < lowestLost)
                    .mapToInt(Step::offered).max().orElse(0);
            for (Step step : entry.getValue()) {
                chart.add(entry.getKey(), new LossAndDelayChart.Point(step.offered(), step.lossPercent(), step.delayMillis()));
            }
            best.put(entry.getKey(), highest);
        }
        chart.write(dir.resolve(generator + ".png"), generator + ": loss and delay against the offered rate");
        Map<String, Integer> delayRates = delayRates(dir.resolve(generator).resolve("delays.csv"));
        StringBuilder out = new StringBuilder("## ").append(generator).append("\n\n![loss and delay](").append(generator)
                .append(".png)\n\n");
        out.append("| contestant | highest rate at <= 1 % loss | vs Kea | vs " + generator + "'s ceiling | CPU us per exchange there "
                + "| delays at | DO p50 / p99 ms | RA p50 / p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Integer ceiling = best.get("responder");
        for (Map.Entry<String, Integer> entry : best.entrySet()) {
            String name = entry.getKey();
            String kea = name.replace("kakapo", "kea");
            Integer keaBest = best.get(kea);
            Step atBest = byContestant.get(name).stream().filter(s -> s.offered() == entry.getValue()).findFirst().orElse(null);
            Integer delayRate = delayRates.get(name);
            PerfdhcpDelays d = delayRate == null ? null : delays(dir.resolve(generator).resolve(name).resolve("delays.txt"));
            out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,d/s", entry.getValue())).append(" | ")
                    .append(keaBest != null && keaBest > 0 && !kea.equals(name)
                            ? String.format(Locale.ROOT, "%.1f x", entry.getValue() / (double) keaBest) : "").append(" | ")
                    .append(ceiling != null && ceiling > 0 && !name.equals("responder")
                            ? String.format(Locale.ROOT, "%.0f %%", 100.0 * entry.getValue() / ceiling) : "").append(" | ")
                    .append(atBest == null ? "" : String.format(Locale.ROOT, "%.0f", atBest.cpuMicros())).append(" | ")
                    .append(delayRate == null ? "" : String.format(Locale.ROOT, "%,d/s", delayRate)).append(" | ")
                    .append(pair(d == null ? null : d.discoverOffer())).append(" | ")
                    .append(pair(d == null ? null : d.requestAck())).append(" |\n");
        }
        out.append("\nThe rate: the highest offered rate that lost at most 1 % below the lowest that lost more (25 % steps, "
                + "then two halvings). "
                + "CPU: the server processes' user + system time per acknowledged exchange in that step. Delays: one more "
                + "step at Kea's best rate (its pair's for a pair) with perfdhcp's per-packet timestamps (-x t); DO: "
                + "DISCOVER to OFFER, RA: REQUEST to ACK, nearest-rank percentiles. The chart's delay is perfdhcp's "
                + "average of each step.\n\n");
        return out.toString();
    }

    private static Map<String, Integer> delayRates(Path csv) throws IOException {
        Map<String, Integer> rates = new LinkedHashMap<>();
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(",");
                if (f.length == 2) {
                    rates.put(f[0], Integer.parseInt(f[1].trim()));
                }
            }
        }
        return rates;
    }

    private static PerfdhcpDelays delays(Path output) throws IOException {
        return Files.exists(output) ? PerfdhcpDelays.parse(Files.readString(output)) : null;
    }

    private static String pair(double[] sorted) {
        if (sorted == null || sorted.length == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f", PerfdhcpDelays.quantile(sorted, 0.5), PerfdhcpDelays.quantile(sorted, 0.99));
    }
}
