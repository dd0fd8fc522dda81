package dev.kakapo.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** JMH's JSON results as a Markdown table: each benchmark with its parameters, median and mean ± error. */
public final class JmhTable {

    private JmhTable() {
    }

    /** The table for the results in {@code json} (what {@code -rf json} writes). */
    public static String of(Path json) throws IOException {
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        StringBuilder table = new StringBuilder(
                "| benchmark | parameters | median | mean ± 99.9 % error | unit |\n| --- | --- | ---: | ---: | --- |\n");
        for (JsonNode result : results) {
            String name = result.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                params.append(params.length() == 0 ? "" : ", ").append(param.getKey()).append('=').append(param.getValue().asText());
            }
            JsonNode metric = result.path("primaryMetric");
            JsonNode median = metric.path("scorePercentiles").path("50.0");
            table.append("| ").append(name).append(" | ").append(params).append(" | ")
                    .append(median.isMissingNode() ? "" : number(median.asDouble())).append(" | ")
                    .append(number(metric.path("score").asDouble())).append(" ± ")
                    .append(number(metric.path("scoreError").asDouble())).append(" | ")
                    .append(metric.path("scoreUnit").asText()).append(" |\n");
        }
        return table.toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
