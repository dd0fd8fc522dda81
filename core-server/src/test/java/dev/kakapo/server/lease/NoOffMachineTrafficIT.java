package dev.kakapo.server.lease;

import dev.kakapo.server.testing.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Chronicle Map, used with the product's JVM flags, sends nothing off the machine: the probe JVM
 * runs in a network namespace of its own whose only way out is a veth into a second namespace
 * that forwards nothing, and every packet leaving the first is captured. Two marker datagrams
 * sent from inside, before and after the probe, show the capture sees what leaves.
 * Addresses are from 198.18.0.0/15; both namespaces are deleted afterwards.
 */
class NoOffMachineTrafficIT {

    private final String inside = "kakapo-quiet-" + ProcessHandle.current().pid();
    private final String sink = inside + "-sink";

    @AfterEach
    void deleteNamespaces() throws IOException, InterruptedException {
        Commands.run(10, List.of("ip", "netns", "delete", inside));
        Commands.run(10, List.of("ip", "netns", "delete", sink));
    }

    @Test
    void chronicleMapSendsNothingOffTheMachine(@TempDir Path dir) throws Exception {
        assumeTrue(Commands.isRoot() && Commands.onPath("ip") && Commands.onPath("tcpdump"),
                "needs root, iproute2 and tcpdump (.ci/run installs them)");
        Commands.check(10, "ip", "netns", "add", inside);
        Commands.check(10, "ip", "netns", "add", sink);
        Commands.check(10, "ip", "link", "add", "kq" + ProcessHandle.current().pid() % 100000, "type", "veth",
                "peer", "name", "kqs" + ProcessHandle.current().pid() % 100000);
        String veth = "kq" + ProcessHandle.current().pid() % 100000;
        String peer = "kqs" + ProcessHandle.current().pid() % 100000;
        Commands.check(10, "ip", "link", "set", veth, "netns", inside);
        Commands.check(10, "ip", "link", "set", peer, "netns", sink);
        netns(inside, "ip", "addr", "add", "198.18.99.1/30", "dev", veth);
        netns(sink, "ip", "addr", "add", "198.18.99.2/30", "dev", peer);
        // IPv4 only: the kernel's own IPv6 neighbour chatter would drown the capture.
        netns(inside, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        netns(sink, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        netns(inside, "ip", "link", "set", "lo", "up");
        netns(inside, "ip", "link", "set", veth, "up");
        netns(sink, "ip", "link", "set", peer, "up");
        netns(inside, "ip", "route", "add", "default", "via", "198.18.99.2");

        Path capture = dir.resolve("inside.pcap");
        Path tcpdumpLog = dir.resolve("tcpdump.log");
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", inside, "tcpdump", "-i", "any", "-n", "-U", "--immediate-mode",
                "-w", capture.toString(), "not arp")
                .redirectErrorStream(true).redirectOutput(tcpdumpLog.toFile()).start();
        try {
            waitFor(() -> Files.readString(tcpdumpLog).contains("listening on"), 10_000, "tcpdump to start");
            sendMarker();
            Commands.Result probe = Commands.run(120, probeCommand(dir));
            assertEquals(0, probe.exitCode(), probe.output());
            assertTrue(probe.output().contains("probe done: 50000 entries"), probe.output());
            sendMarker();
            Thread.sleep(1000);
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor(10, TimeUnit.SECONDS);
        }
        String packets = Commands.check(10, "tcpdump", "-r", capture.toString(), "-n");
        // One line per packet, each starting with its time stamp; tcpdump's own notes are left out.
        List<String> lines = packets.lines().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d.*")).collect(Collectors.toList());
        // Allowed: the markers, and the sink's "port unreachable" answers to them.
        List<String> unexpected = lines.stream()
                .filter(l -> !l.contains("> 198.18.99.2.9:") && !l.contains("udp port 9 unreachable"))
                .collect(Collectors.toList());
        assertEquals(2, lines.stream().filter(l -> l.contains("> 198.18.99.2.9:")).count(), "both markers captured:\n" + packets);
        assertTrue(unexpected.isEmpty(), "nothing but the markers leaves the probe's namespace:\n" + String.join("\n", unexpected));
    }

    private List<String> probeCommand(Path dir) {
        String jvmOptions = System.getProperty("kakapo.jvm.options");
        assumeTrue(jvmOptions != null, "run through Maven, which passes jvm.options");
        // The product's class path: no JUnit, under which Chronicle would mute its analytics anyway.
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(entry -> !entry.contains("junit") && !entry.contains("opentest4j") && !entry.contains("apiguardian"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", inside,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + jvmOptions, "-cp", classPath,
                ChronicleQuietProbe.class.getName(), dir.resolve("probe.dat").toString(), "5000"));
        return command;
    }

    private void sendMarker() throws IOException, InterruptedException {
        netns(inside, "bash", "-c", "echo marker > /dev/udp/198.18.99.2/9");
    }

    private static void netns(String namespace, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        Commands.check(10, full.toArray(new String[0]));
    }

    private interface Check {
        boolean done() throws IOException;
    }

    private static void waitFor(Check check, long millis, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
