package dev.kakapo.benchmarks.loadgen;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private Path root;
    private String ns;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void namespace() throws Exception {
        String jvmOptions = System.getProperty("kakapo.jvm.options");
        assumeTrue(jvmOptions != null, "run through Maven, which passes jvm.options");
        root = Path.of(jvmOptions).getParent();
        assumeTrue("root".equals(System.getProperty("user.name")) && onPath("ip") && onPath("cc"),
                "needs root (a network namespace) and a C compiler; .ci/run runs as root");
        ns = "kk-blast-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "-n", ns, "addr", "add", "127.0.0.250/8", "dev", "lo");
        run("cc", "-O2", "-o", dir.resolve("dora-blast").toString(), root.resolve("benchmarks/loadgen/dora-blast.c").toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (ns != null) {
            run("ip", "netns", "delete", ns);
        }
    }

    @Test
    void everyExchangeWithKakapoIsAcknowledgedAndReportedAsPerfdhcpWould() throws Exception {
        Path config = dir.resolve("kakapo.json");
        Files.writeString(config, """
                {"Dhcp4": {"interfaces-config": {"interfaces": ["lo/127.0.0.1"]},
                  "lease-database": {"type": "memfile", "persist": false},
                  "valid-lifetime": 3600,
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.0.255.200"}],
                               "relay": {"ip-addresses": ["127.0.0.250"]}}]}}
                """);
        Path log = dir.resolve("kakapo.out");
        started.add(new ProcessBuilder("ip", "netns", "exec", ns, root.resolve("bin/kakapo-dhcp4").toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("kakapo-dhcp4: serving")) {
            assertTrue(System.nanoTime() < deadline && started.get(0).isAlive(), "kakapo-dhcp4 did not start:\n" + Files.readString(log));
            Thread.sleep(100);
        }
        String report = blast(1000, 2000);
        assertTrue(report.matches("(?s).*\\nRate: [0-9.]+ 4-way exchanges/second, expected rate: 1000\\n.*"), report);
        assertEquals(List.of("sent packets: 2000", "sent packets: 2000"), lines(report, "sent packets:"), report);
        assertEquals(List.of("received packets: 2000", "received packets: 2000"), lines(report, "received packets:"),
                "every DISCOVER offered, every REQUEST for the offered address acknowledged:\n" + report);
        assertEquals(2, lines(report, "avg delay:").size(), report);
    }

    private String blast(int rate, int exchanges) throws IOException, InterruptedException {
        Process blast = new ProcessBuilder("ip", "netns", "exec", ns, dir.resolve("dora-blast").toString(), "-4", "-l", "127.0.0.250",
                "-r", Integer.toString(rate), "-n", Integer.toString(exchanges), "-b", "mac=02:0b:00:00:00:00", "-W", "500000",
                "127.0.0.1").redirectErrorStream(true).start();
        String out = new String(blast.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(blast.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, blast.exitValue(), out);
        return out;
    }

    private static List<String> lines(String report, String prefix) {
        return report.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static boolean onPath(String command) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
    }
}
