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
 * Turns what {@code benchmarks/run-all.sh} measured into {@code summary.md} and
 * {@code perfdhcp.png} in the same directory: the JMH table (from {@code jmh.json}), the
 * million-lease table ({@code scale/scale.md}) and, from
 * {@code perfdhcp/steps.csv} and each step's perfdhcp output, every contestant's highest rate
 * at 1 % loss or less, its ratio to Kea's counterpart and to perfdhcp's ceiling, the delay
 * percentiles and CPU at Kea's best rate, and the chart.
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

    /** Writes summary.md (and perfdhcp.png when there is a perfdhcp run) into {@code dir}; returns the summary. */
    public static String write(Path dir) throws IOException {
        StringBuilder summary = new StringBuilder("# Benchmark results\n\n");
        Path environment = dir.resolve("environment.txt");
        if (Files.exists(environment)) {
            summary.append("```\n").append(Files.readString(environment)).append("```\n\n");
        }
        Path steps = dir.resolve("perfdhcp/steps.csv");
        if (Files.exists(steps)) {
            summary.append(perfdhcp(dir, Step.read(steps)));
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

    private static String perfdhcp(Path dir, List<Step> steps) throws IOException {
        Map<String, List<Step>> byContestant = new LinkedHashMap<>();
        steps.forEach(s -> byContestant.computeIfAbsent(s.contestant(), c -> new ArrayList<>()).add(s));
        Map<String, Integer> best = new LinkedHashMap<>();
        LossAndDelayChart chart = new LossAndDelayChart();
        Map<String, Map<Integer, PerfdhcpDelays>> delays = new LinkedHashMap<>();
        for (Map.Entry<String, List<Step>> entry : byContestant.entrySet()) {
            int highest = 0;
            boolean over = false;
            for (Step step : entry.getValue()) {
                PerfdhcpDelays d = delays(dir, entry.getKey(), step.offered());
                delays.computeIfAbsent(entry.getKey(), c -> new LinkedHashMap<>()).put(step.offered(), d);
                double median = PerfdhcpDelays.quantile(d.discoverOffer(), 0.5) + PerfdhcpDelays.quantile(d.requestAck(), 0.5);
                chart.add(entry.getKey(), new LossAndDelayChart.Point(step.offered(), step.lossPercent(), median));
                over = over || step.lossPercent() > LOSS_LIMIT;
                if (!over) {
                    highest = step.offered();
                }
            }
            best.put(entry.getKey(), highest);
        }
        chart.write(dir.resolve("perfdhcp.png"), "perfdhcp: loss and delay against the offered rate");
        StringBuilder out = new StringBuilder("## perfdhcp\n\n![loss and delay](perfdhcp.png)\n\n");
        out.append("| contestant | highest rate at <= 1 % loss | vs Kea | vs perfdhcp's ceiling | at the rate | DO p50 / p99 ms "
                + "| RA p50 / p99 ms | CPU us per exchange |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Integer ceiling = best.get("responder");
        for (Map.Entry<String, Integer> entry : best.entrySet()) {
            String name = entry.getKey();
            String kea = name.replace("kakapo", "kea");
            Integer keaBest = best.get(kea);
            // delays and CPU compared where Kea's counterpart was at its best (or this contestant's own best)
            int at = keaBest != null && keaBest > 0 ? keaBest : entry.getValue();
            Step step = byContestant.get(name).stream().filter(s -> s.offered() == at).findFirst().orElse(null);
            PerfdhcpDelays d = delays.get(name).get(at);
            out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,d/s", entry.getValue())).append(" | ")
                    .append(keaBest != null && keaBest > 0 && !kea.equals(name)
                            ? String.format(Locale.ROOT, "%.1f x", entry.getValue() / (double) keaBest) : "").append(" | ")
                    .append(ceiling != null && ceiling > 0 && !name.equals("responder")
                            ? String.format(Locale.ROOT, "%.0f %%", 100.0 * entry.getValue() / ceiling) : "").append(" | ")
                    .append(String.format(Locale.ROOT, "%,d/s", at)).append(" | ")
                    .append(pair(d == null ? null : d.discoverOffer())).append(" | ")
                    .append(pair(d == null ? null : d.requestAck())).append(" | ")
                    .append(step == null ? "" : String.format(Locale.ROOT, "%.0f", step.cpuMicros())).append(" |\n");
        }
        out.append("\nDO: DISCOVER to OFFER, RA: REQUEST to ACK, from perfdhcp's per-packet timestamps (-x t); "
                + "nearest-rank percentiles. CPU: the server processes' user + system time per acknowledged exchange.\n\n");
        return out.toString();
    }

    private static PerfdhcpDelays delays(Path dir, String contestant, int offered) throws IOException {
        Path output = dir.resolve("perfdhcp").resolve(contestant).resolve(offered + ".txt");
        return Files.exists(output) ? PerfdhcpDelays.parse(Files.readString(output)) : new PerfdhcpDelays(new double[0], new double[0]);
    }

    private static String pair(double[] sorted) {
        if (sorted == null || sorted.length == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f", PerfdhcpDelays.quantile(sorted, 0.5), PerfdhcpDelays.quantile(sorted, 0.99));
    }
}
