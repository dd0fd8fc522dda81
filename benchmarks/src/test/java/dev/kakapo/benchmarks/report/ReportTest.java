package dev.kakapo.benchmarks.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report reads what perfdhcp-vs-kea.sh and JMH wrote, and draws the chart. */
class ReportTest {

    @TempDir
    Path dir;

    private static String perfdhcpOutput(double doMillis, double raMillis, int exchanges) {
        StringBuilder out = new StringBuilder("***Rate statistics***\nRate: 99.1 4-way exchanges/second\n\n");
        out.append("***Timestamps for packets: DISCOVER-OFFER***\n");
        for (int i = 0; i < exchanges; i++) {
            double sent = i * 0.01;
            out.append(String.format(java.util.Locale.ROOT, "sent / received: %013.6f / %013.6f\n", sent, sent + doMillis / 1000 * (i + 1)));
        }
        out.append("\n***Timestamps for packets: REQUEST-ACK***\n");
        for (int i = 0; i < exchanges; i++) {
            double sent = i * 0.01 + 0.005;
            out.append(String.format(java.util.Locale.ROOT, "sent / received: %013.6f / %013.6f\n", sent, sent + raMillis / 1000));
        }
        return out.toString();
    }

    @Test
    void delaysComeFromEveryPacketsTimestampsAndPercentilesByNearestRank() {
        PerfdhcpDelays delays = PerfdhcpDelays.parse(perfdhcpOutput(0.1, 2.0, 100));
        assertEquals(100, delays.discoverOffer().length);
        assertEquals(5.0, PerfdhcpDelays.quantile(delays.discoverOffer(), 0.5), 1e-6, "the 50th of 0.1, 0.2 ... 10 ms");
        assertEquals(9.9, PerfdhcpDelays.quantile(delays.discoverOffer(), 0.99), 1e-6);
        assertEquals(2.0, PerfdhcpDelays.quantile(delays.requestAck(), 0.99), 1e-6);
        assertArrayEquals(new double[0], PerfdhcpDelays.parse("no timestamps here").requestAck());
        assertTrue(Double.isNaN(PerfdhcpDelays.quantile(new double[0], 0.5)));
    }

    @Test
    void summaryGivesEachContestantsBestRateRatiosCpuAndDelaysAtKeasBestAndDrawsTheChart() throws Exception {
        Path perfdhcp = Files.createDirectories(dir.resolve("perfdhcp"));
        Files.writeString(perfdhcp.resolve("steps.csv"), String.join("\n",
                "contestant,offered,achieved,sent,acked,loss_percent,do_avg_ms,ra_avg_ms,cpu_us_per_exchange,server_socket_drops",
                "responder,1000,999,5000,5000,0.00,0.1,0.1,20,0",
                "responder,1250,1249,6250,6250,0.00,0.1,0.1,20,0",
                "responder,1562,1500,7810,7700,1.40,0.1,0.1,20,0",
                "kea,1000,999,5000,5000,0.00,0.3,0.3,110,0",
                "kea,1250,1100,6250,6000,4.00,0.3,0.3,110,0",
                "kakapo,1000,999,5000,5000,0.00,0.1,0.1,50,0",
                "kakapo,1250,1249,6250,6250,0.50,0.1,0.1,48,0",
                "kakapo,1562,1500,7810,7000,10.0,0.1,0.1,45,0",
                "kakapo,1953,1900,9765,9765,0.00,0.1,0.1,45,0") + "\n");
        Files.writeString(perfdhcp.resolve("delays.csv"), "contestant,rate\nkea,1000\nkakapo,1000\n");
        Files.createDirectories(perfdhcp.resolve("kakapo"));
        Files.writeString(perfdhcp.resolve("kakapo/delays.txt"), perfdhcpOutput(0.1, 0.2, 100));
        Files.writeString(dir.resolve("jmh.json"), """
                [{"benchmark": "dev.kakapo.benchmarks.CodecBenchmark.decodeAck", "mode": "avgt", "params": {"x": "1"},
                  "primaryMetric": {"score": 180.5, "scoreError": 3.25, "scoreUnit": "ns/op", "scorePercentiles": {"50.0": 179.0}}}]
                """);

        String summary = Report.write(dir);

        assertTrue(summary.contains("| kakapo | 1,250/s | 1.3 x | 100 % | 48 | 1,000/s | 5.00 / 9.90 | 0.20 / 0.20 |"), summary);
        assertTrue(summary.contains("| kea | 1,000/s |  | 80 % | 110 | 1,000/s |  |  |"),
                "no step after the first over 1 % counts; no timestamps, no percentiles: " + summary);
        assertTrue(summary.contains("| responder | 1,250/s |  |  | 20 |  |  |  |"), summary);
        assertTrue(summary.contains("| CodecBenchmark.decodeAck | x=1 | 179 | 181 ± 3.25 | ns/op |"), summary);
        BufferedImage chart = ImageIO.read(dir.resolve("perfdhcp.png").toFile());
        assertEquals(1000, chart.getWidth());
        assertEquals(summary, Files.readString(dir.resolve("summary.md")));
        assertTrue(!summary.contains("## dora-blast") && !Files.exists(dir.resolve("dora-blast.png")), "no dora-blast run, no section");
    }

    @Test
    void aDoraBlastRunGetsItsOwnTableAndChartBesidePerfdhcps() throws Exception {
        Path blast = Files.createDirectories(dir.resolve("dora-blast"));
        Files.writeString(blast.resolve("steps.csv"), String.join("\n",
                "contestant,offered,achieved,sent,acked,loss_percent,do_avg_ms,ra_avg_ms,cpu_us_per_exchange,server_socket_drops",
                "responder,40000,40000,200000,200000,0.00,0.1,0.1,10,0",
                "kea-pair,1000,1000,5000,5000,0.00,0.3,0.9,880,0",
                "kea-pair,1250,1200,6250,6000,4.00,0.3,130,790,0",
                "kakapo-pair,1000,1000,5000,5000,0.00,0.1,0.2,180,0",
                "kakapo-pair,20000,20000,100000,100000,0.00,0.1,0.5,40,0") + "\n");

        String summary = Report.write(dir);

        assertTrue(summary.contains("## dora-blast\n\n![loss and delay](dora-blast.png)"), summary);
        assertTrue(summary.contains("vs dora-blast's ceiling"), summary);
        assertTrue(summary.contains("| kakapo-pair | 20,000/s | 20.0 x | 50 % | 40 |  |  |  |"), summary);
        assertEquals(1000, ImageIO.read(dir.resolve("dora-blast.png").toFile()).getWidth());
    }
}
