package dev.kakapo.benchmarks.loadgen;

import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * benchmarks/loadgen/dora-blast.c does the relayed 4-way exchange a real server accepts and reports
 * it in the lines of perfdhcp's report that perfdhcp-vs-kea.sh reads. In a network namespace of
 * its own (127.0.0.1 the server, 127.0.0.250 the relay), deleted afterwards.
 */
class DoraBlastIT {

    @TempDir
    Path dir;
    private Netns ns;
    private KakapoProcess kakapo;

    @AfterEach
    void tearDown() throws Exception {
        if (kakapo != null) {
            kakapo.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void everyExchangeWithKakapoIsAcknowledgedAndReportedAsPerfdhcpWould() throws Exception {
        Path root = KakapoProcess.projectRoot();
        assumeTrue(root != null && Netns.available() && Commands.onPath("cc"),
                "needs Maven's jvm.options, root (a network namespace) and a C compiler; .ci/run has them");
        Path blast = dir.resolve("dora-blast");
        Commands.check(60, "cc", "-O2", "-o", blast.toString(), root.resolve("benchmarks/loadgen/dora-blast.c").toString());
        ns = Netns.create("blast");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
        Path config = dir.resolve("kakapo.json");
        Files.writeString(config, """
                {"Dhcp4": {"interfaces-config": {"interfaces": ["lo/127.0.0.1"]},
                  "lease-database": {"type": "memfile", "persist": false},
                  "valid-lifetime": 3600,
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.0.255.200"}],
                               "relay": {"ip-addresses": ["127.0.0.250"]}}]}}
                """);
        kakapo = KakapoProcess.start(ns, config, dir.resolve("kakapo.out"));

        String report = ns.exec(blast.toString(), "-4", "-l", "127.0.0.250", "-r", "1000", "-n", "2000",
                "-b", "mac=02:0b:00:00:00:00", "-W", "500000", "127.0.0.1");

        assertTrue(report.matches("(?s).*\\nRate: [0-9.]+ 4-way exchanges/second, expected rate: 1000\\n.*"), report);
        assertEquals(List.of("sent packets: 2000", "sent packets: 2000"), lines(report, "sent packets:"), report);
        assertEquals(List.of("received packets: 2000", "received packets: 2000"), lines(report, "received packets:"),
                "every DISCOVER offered, every REQUEST for the offered address acknowledged:\n" + report);
        assertEquals(2, lines(report, "avg delay:").size(), report);
    }

    private static List<String> lines(String report, String prefix) {
        return report.lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
